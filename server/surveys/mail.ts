/**
 * Sending e-mail (optional; docs/surveys.md "Sending the links by e-mail"): a nodemailer SMTP
 * transport when SMTP_URL and SMTP_FROM are set, nothing at all otherwise — no transport is
 * made, nothing connects, and the web app offers only the copyable texts and the CSV.
 *
 * Messages are never logged (they carry personal links): nodemailer's own logger stays off.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { AppConfig } from '../config/env';

export interface MailSettings {
  /** `smtp://user:pass@host:587` or `smtps://user:pass@host:465`. */
  url: string;
  /** The sender: `address` or `Name <address>`. */
  from: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Why a message was not sent, without the message or the address: a code and the SMTP reply code. */
export class MailFailed extends Error {
  constructor(
    readonly code: string,
    readonly responseCode: number | null,
  ) {
    super(`mail not sent: ${code}${responseCode ? ` (${responseCode})` : ''}`);
    this.name = 'MailFailed';
  }
}

/** The settings of the environment, or null when mail is not configured. */
export function mailSettingsFromConfig(config: AppConfig): MailSettings | null {
  return config.SMTP_URL && config.SMTP_FROM
    ? { url: config.SMTP_URL, from: config.SMTP_FROM }
    : null;
}

export class Mailer {
  private readonly transport: Transporter;

  constructor(settings: MailSettings) {
    this.transport = nodemailer.createTransport(
      {
        url: settings.url,
        // A few connections reused for a whole batch, each sending many messages.
        pool: true,
        maxConnections: 2,
        maxMessages: 100,
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 60_000,
        logger: false,
        debug: false,
      },
      { from: settings.from },
    );
  }

  /** Sends one message; MailFailed (code, SMTP reply code) when the server did not take it. */
  async send(mail: OutgoingMail): Promise<void> {
    try {
      const info = await this.transport.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
      });
      if (info.rejected?.length) throw new MailFailed('EENVELOPE', null);
    } catch (err) {
      if (err instanceof MailFailed) throw err;
      const e = err as { code?: unknown; responseCode?: unknown };
      throw new MailFailed(
        typeof e.code === 'string' ? e.code : 'ESEND',
        typeof e.responseCode === 'number' ? e.responseCode : null,
      );
    }
  }

  close(): void {
    this.transport.close();
  }
}
