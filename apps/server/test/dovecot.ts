import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chown, mkdir, mkdtemp, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

/** Debian's dovecot-imapd (CI installs it; see .ci/run). */
export const dovecotBinary = '/usr/sbin/dovecot';
export const hasDovecot = existsSync(dovecotBinary);

/**
 * What the Dovecot tests do: run where Dovecot is installed; where it is not, skip (a developer without it), unless
 * REQUIRE_DOVECOT=1 (CI) asks for them, which makes them fail instead of passing by skipping.
 */
export function dovecotTestMode(installed: boolean, env: NodeJS.ProcessEnv): 'run' | 'skip' | 'fail' {
  if (installed) return 'run';
  return env.REQUIRE_DOVECOT === '1' ? 'fail' : 'skip';
}

/** A real IMAP server (Dovecot) for one test file: plaintext IMAP on 127.0.0.1, users from a passwd file, Maildir. */
export interface TestImapServer {
  host: string;
  port: number;
  /** Adds a mail account (Dovecot re-reads the passwd file when it changes). */
  addUser(user: string, password: string): Promise<void>;
  /** A signed-in IMAP client of the user: puts mail in, reads flags, deletes and recreates folders. */
  client(user: string, password: string): Promise<ImapFlow>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/**
 * Starts Dovecot as a child process, unprivileged: as the current user, or, when the tests run as root (CI),
 * as `nobody` (Dovecot refuses mail access as root), with every file in a temporary folder it owns.
 */
export async function startDovecot(): Promise<TestImapServer> {
  if (!hasDovecot)
    throw new Error(`Dovecot is required (REQUIRE_DOVECOT=1) but ${dovecotBinary} is missing: apt-get install dovecot-imapd`);
  const dir = await mkdtemp(join(tmpdir(), 'rapport-dovecot-'));
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? 65534 : process.getuid!();
  const gid = asRoot ? 65534 : process.getgid!();
  const user = asRoot ? 'nobody' : userInfo().username;
  const group = asRoot ? execFileSync('id', ['-gn', 'nobody']).toString().trim() : execFileSync('id', ['-gn']).toString().trim();
  const port = await freePort();
  const passwd = join(dir, 'passwd');
  const log = join(dir, 'dovecot.log');
  for (const sub of ['run', 'state', 'mail']) await mkdir(join(dir, sub));
  await writeFile(passwd, '');
  await writeFile(
    join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${log}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# Tests try wrong passwords on purpose: answer at once instead of after the usual 2 s.
auth_failure_delay = 0
default_internal_user = ${user}
default_internal_group = ${group}
default_login_user = ${user}
first_valid_uid = 1
first_valid_gid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${passwd}
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/mail/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
  # No growing delay for an address after failed logins (the tests fail logins on purpose).
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
`,
  );
  if (asRoot) {
    await chmod(dir, 0o755);
    for (const path of [dir, join(dir, 'run'), join(dir, 'state'), join(dir, 'mail'), passwd, join(dir, 'dovecot.conf')])
      await chown(path, uid, gid);
  }
  const child: ChildProcess = spawn(dovecotBinary, ['-F', '-c', join(dir, 'dovecot.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    ...(asRoot ? { uid, gid } : {}),
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 15_000;
  while (!(await accepting(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      const logged = await readFile(log, 'utf8').catch(() => '');
      await rm(dir, { recursive: true, force: true });
      throw new Error(`dovecot did not start: ${stderr}\n${logged}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const clients: ImapFlow[] = [];
  return {
    host: '127.0.0.1',
    port,
    addUser: (name, password) => appendFile(passwd, `${name}:{PLAIN}${password}\n`),
    async client(name, password) {
      // Dovecot looks at the passwd file at most once a second: a user added just now may not be known yet.
      const deadline = Date.now() + 5000;
      for (;;) {
        const client = new ImapFlow({
          host: '127.0.0.1',
          port,
          secure: false,
          auth: { user: name, pass: password },
          logger: false,
        });
        client.on('error', () => undefined);
        try {
          await client.connect();
          clients.push(client);
          return client;
        } catch (error) {
          if (!(error as { authenticationFailed?: boolean }).authenticationFailed || Date.now() > deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    },
    async close() {
      await Promise.all(clients.map((c) => c.logout().catch(() => c.close())));
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
