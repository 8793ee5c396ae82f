/**
 * `npm run user -- COMMAND …`: local accounts (SPEC §8), run by an administrator on the server
 * machine. Every change is written to the audit log as `cli:<os user>`.
 *
 *   add USERNAME --role R [--dept ID] [--region ID] [--name TEXT] [--password P]
 *   list
 *   disable USERNAME | enable USERNAME
 *   reset-password USERNAME [--password P]
 *   token USERNAME [--days N]        an API token for a GraphQL client (Authorization: Bearer)
 *   audit [--limit N] [--actor NAME] [--action PREFIX]
 *
 * Without --password a random password is generated and printed once.
 */
import { parseArgs } from 'node:util';
import { cliActor, listAudit } from '../auth/audit';
import { generatePassword } from '../auth/password';
import { ROLES } from '../../common/roles';
import { authServiceFromConfig } from '../auth/service';
import {
  addUser,
  changeUser,
  findUser,
  listUsers,
  UserInputError,
  type NewUser,
} from '../auth/users';
import { loadConfig } from '../config/env';
import { openDatabase, type Database } from '../db/driver';
import { applySchema } from '../db/schema';

const USAGE = `usage: npm run user -- COMMAND …

  add USERNAME --role ROLE [--dept DEPT_ID] [--region REGION_ID] [--name 表示名] [--password P]
      ROLE: ${ROLES.join(' | ')}
      coordinator needs --dept (e.g. dept:shiojiri), municipality needs --region (e.g. region:shiojiri)
  list
  disable USERNAME
  enable USERNAME
  reset-password USERNAME [--password P]
  token USERNAME [--days N]      API token for GraphQL clients (default 30 days)
  audit [--limit N] [--actor NAME] [--action PREFIX]

Without --password a random password is generated and printed once.`;

function usage(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        role: { type: 'string' },
        dept: { type: 'string' },
        region: { type: 'string' },
        name: { type: 'string' },
        password: { type: 'string' },
        days: { type: 'string' },
        limit: { type: 'string' },
        actor: { type: 'string' },
        action: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    usage((e as Error).message);
  }
}

function intOption(text: string | undefined, name: string, max: number, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max)
    usage(`--${name} must be a whole number from 1 to ${max}`);
  return n;
}

async function run(db: Database, argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv);
  if (values.help || positionals.length === 0) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const [command, username] = positionals;
  const needUser = () => username ?? usage(`${command} needs a USERNAME`);
  const actor = cliActor();
  switch (command) {
    case 'add': {
      const password = values.password ?? generatePassword();
      const input: NewUser = {
        username: needUser(),
        role: (values.role ?? usage('add needs --role')) as NewUser['role'],
        deptId: values.dept ?? null,
        regionId: values.region ?? null,
        password,
        ...(values.name ? { displayName: values.name } : {}),
      };
      const user = await addUser(db, input, actor);
      console.log(`added ${user.username} (${user.role})`);
      if (!values.password) console.log(`password: ${password}`);
      return;
    }
    case 'list': {
      const users = await listUsers(db);
      console.table(
        users.map((u) => ({
          username: u.username,
          name: u.displayName,
          role: u.role,
          dept: u.deptId ?? '',
          region: u.regionId ?? '',
          disabled: u.disabled,
          lockedUntil: u.lockedUntil ?? '',
        })),
      );
      return;
    }
    case 'disable':
    case 'enable':
      await changeUser(db, needUser(), { kind: command }, actor);
      console.log(`${command}d ${username} (its tokens no longer work)`);
      return;
    case 'reset-password': {
      const password = values.password ?? generatePassword();
      await changeUser(db, needUser(), { kind: 'reset-password', password }, actor);
      console.log(`password of ${username} reset; its sessions and tokens no longer work`);
      if (!values.password) console.log(`password: ${password}`);
      return;
    }
    case 'token': {
      const user = await findUser(db, { username: needUser() });
      if (!user) throw new UserInputError(`username: no account ${username}`);
      if (user.disabled) throw new UserInputError(`username: ${username} is disabled`);
      const auth = authServiceFromConfig(db, loadConfig());
      const issued = await auth.issueApiToken(
        user,
        intOption(values.days, 'days', 365, auth.settings.apiTokenDays),
        actor,
      );
      console.log(issued.token);
      console.error(
        `expires ${issued.expiresAt.toISOString()}; send it as Authorization: Bearer <token>`,
      );
      return;
    }
    case 'audit': {
      const entries = await listAudit(db, {
        limit: intOption(values.limit, 'limit', 100, 50),
        offset: 0,
        actor: values.actor ?? null,
        action: values.action ?? null,
      });
      console.table(
        entries.map((e) => ({
          at: e.at,
          actor: e.actor,
          action: e.action,
          target: e.target ?? '',
          detail: e.detail ?? '',
        })),
      );
      return;
    }
    default:
      usage(`unknown command ${command}`);
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config, 'app');
  try {
    await applySchema(db);
    await run(db, process.argv.slice(2));
  } catch (err) {
    process.exitCode = 1;
    console.error(err instanceof UserInputError ? err.message : `failed: ${String(err)}`);
  } finally {
    await db.close();
  }
}

void main();
