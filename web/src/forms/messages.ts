/** The words of a form: field labels and help, and each problem in the current language. */
import { isMessageKey, optionalText, t } from '../i18n';
import type { FieldIssue } from './values';

/** A field's label (its name when there is none, which the types make unlikely). */
export function fieldLabel(name: string): string {
  return optionalText(`field.${name}`) || name;
}

/** A field's help text, or ''. */
export function fieldHelp(name: string): string {
  return optionalText(`field.${name}.help`);
}

/** Whether the app has a message for an issue code (else the server's own text is shown). */
export function knownIssueCode(code: string): boolean {
  return isMessageKey(`val.${code}`);
}

/** A problem as the person reads it, in the current language. */
export function issueText(issue: FieldIssue): string {
  if ('text' in issue) return issue.text;
  return t(`val.${issue.code}`, {
    min: issue.min === undefined ? '' : String(issue.min),
    max: issue.max === undefined ? '' : String(issue.max),
  });
}
