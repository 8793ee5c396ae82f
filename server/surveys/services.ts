/**
 * The survey services of one server process, made once and shared by every GraphQL schema
 * variant: the waves (links keyed from the auth key) and the mail sending, with its one SMTP
 * transport and its one "sending under way" guard (none when mail is not configured).
 */
import { loadConfig, type AppConfig } from '../config/env';
import type { Database } from '../db/driver';
import type { ProjectionCache } from '../projection';
import { surveyLinksFromConfig } from './links';
import { Mailer, mailSettingsFromConfig, type MailSettings } from './mail';
import { SurveyMailing } from './mailing';
import { SurveyWaves } from './waves';

export interface SurveyServices {
  waves: SurveyWaves;
  mailing: SurveyMailing;
  /** PUBLIC_URL: the address of the links in e-mails (null: the request's). */
  publicUrl: string | null;
  /** Closes the SMTP connections (if any). */
  close(): void;
}

/**
 * `mail`: the SMTP settings (tests pass their own; null turns mail off); by default those of
 * the environment (SMTP_URL, SMTP_FROM).
 */
export function createSurveyServices(
  db: Database,
  cache: ProjectionCache,
  config: AppConfig = loadConfig(),
  mail?: MailSettings | null,
): SurveyServices {
  const settings = mail === undefined ? mailSettingsFromConfig(config) : mail;
  const mailer = settings ? new Mailer(settings) : null;
  const waves = new SurveyWaves(db, cache, surveyLinksFromConfig(config), mailer !== null);
  return {
    waves,
    mailing: new SurveyMailing(db, waves, mailer),
    publicUrl: config.PUBLIC_URL ?? null,
    close: () => mailer?.close(),
  };
}
