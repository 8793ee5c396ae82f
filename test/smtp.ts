/**
 * A real SMTP server for tests (smtp-server, of the nodemailer project) on a free loopback
 * port: it takes a user and password (plain auth without TLS, loopback only), refuses the
 * recipients a test names, and keeps every message it received, parsed (mailparser).
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO). */
  to: string[];
  from: string;
  subject: string;
  text: string;
  /** Who signed in. */
  user: string | null;
}

export interface TestSmtp {
  /** `smtp://user:pass@127.0.0.1:PORT`. */
  url: string;
  received: ReceivedMail[];
  /** Recipients the server answers 550 for. */
  refuse: Set<string>;
  close(): Promise<void>;
}

export const SMTP_USER = 'chiiki-test';
export const SMTP_PASS = 'p@ss word';

export async function startTestSmtp(port = 0): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    // No STARTTLS on loopback: the client would refuse the server's self-signed certificate.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASS)
        return cb(null, { user: auth.username });
      return cb(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, cb) {
      if (refuse.has(address.address)) {
        const err = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
        return cb(err);
      }
      return cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream).then(
        (mail) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            user: typeof session.user === 'string' ? session.user : null,
          });
          cb();
        },
        (err: Error) => cb(err),
      );
    },
  });
  const net = server.listen(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    net.once('listening', () => resolve());
    net.once('error', reject);
  });
  const actual = (net.address() as AddressInfo).port;
  return {
    url: `smtp://${encodeURIComponent(SMTP_USER)}:${encodeURIComponent(SMTP_PASS)}@127.0.0.1:${actual}`,
    received,
    refuse,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
