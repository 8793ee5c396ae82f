/** Japanese texts: sending a wave's personal links by e-mail (mail.*; web/src/surveys/MailSend.tsx). */
export const jaMail = {
  'mail.title': 'メールで送る',
  'mail.lead':
    'このサーバーはメールを送信できます。各人にご本人専用のリンクを日本語の文面で送ります（リンクは変わりません）。コーディネーターが送れるのは、連絡先の共有に同意した方のアドレスだけです。',
  'mail.kind.INVITATION': '案内（未着手の方へ）',
  'mail.kind.REMINDER': 'リマインド（未提出の方へ）',
  'mail.send': 'メールで送る',
  'mail.count': '{n}人に送れます（アドレスがない・使えない方 {without}人）',
  'mail.nobody': '送れる相手がいません。',
  'mail.confirm': '{n}人に「{kind}」のメールを送ります。よろしいですか？',
  'mail.confirm.send': '送信する',
  'mail.cancel': 'やめる',
  'mail.sending': '送信中…',
  'mail.result': '送信 {sent}人 · 送らなかった {skipped}人 · 失敗 {failed}人',
  'mail.failedList': '送れなかった方：{names}',
  'mail.reason.NO_EMAIL': '使えるアドレスがない',
  'mail.reason.SUBMITTED': '提出済み',
  'mail.reason.STARTED': '回答中（リマインドを送ってください）',
  'mail.reason.NO_LINK': 'リンクが取り消されている',
  'mail.reason.NOT_ON_ROSTER': '名簿にない',
  'mail.reason.SEND_FAILED': 'メールサーバーが受け付けなかった',
} as const;
