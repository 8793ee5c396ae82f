/** English texts: sending a wave's personal links by e-mail (mail.*; web/src/surveys/MailSend.tsx). */
import type { jaMail } from '../ja/mail';

export const enMail: Record<keyof typeof jaMail, string> = {
  'mail.title': 'Send by e-mail',
  'mail.lead':
    'This server can send e-mail. Each person gets their own link in a Japanese text (the links do not change). A coordinator can send only to the addresses of persons who consented to share their contact.',
  'mail.kind.INVITATION': 'Invitation (to those not started)',
  'mail.kind.REMINDER': 'Reminder (to those not submitted)',
  'mail.send': 'Send by e-mail',
  'mail.count': 'Can be sent to {n} (without a usable address: {without})',
  'mail.nobody': 'There is nobody to send to.',
  'mail.confirm': 'Send the "{kind}" mail to {n} people?',
  'mail.confirm.send': 'Send',
  'mail.cancel': 'Cancel',
  'mail.sending': 'Sending…',
  'mail.result': 'Sent {sent} · not sent {skipped} · failed {failed}',
  'mail.failedList': 'Not reached: {names}',
  'mail.reason.NO_EMAIL': 'no usable address',
  'mail.reason.SUBMITTED': 'submitted',
  'mail.reason.STARTED': 'started (send a reminder)',
  'mail.reason.NO_LINK': 'link revoked',
  'mail.reason.NOT_ON_ROSTER': 'not on the roster',
  'mail.reason.SEND_FAILED': 'the mail server refused it',
};
