/**
 * A real nginx (the Debian package) on 127.0.0.1 serving a folder, for transfer tests and the download bench. Each
 * instance has its own config, pid, logs and temp paths under a temporary folder and is stopped reliably: by `stop()`,
 * and as a last resort when the test process exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NginxOptions {
  /** Folder to serve. */
  root: string;
  /** Serve HTTPS with this certificate and key (PEM files). */
  tls?: { cert: string; key: string };
}

export interface Nginx {
  port: number;
  /** `http://127.0.0.1:PORT` or `https://...`, no trailing slash. */
  url: string;
  /** Lines of the access log: `METHOD PATH STATUS RANGE` (RANGE `-` when absent). */
  accessLog(): string[];
  stop(): Promise<void>;
}

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const running = new Set<ChildProcess>();
process.on('exit', () => { for (const c of running) c.kill('SIGKILL'); });

/** True when the nginx binary is installed (tests skip with a clear reason otherwise). */
export function hasNginx(): boolean {
  return NGINX !== undefined;
}

/** A port that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function config(dir: string, port: number, o: NginxOptions): string {
  const tls = o.tls ? ` ssl;\n    ssl_certificate ${o.tls.cert};\n    ssl_certificate_key ${o.tls.key}` : '';
  // Workers run as root when the tests do (CI): the served temp folders are private to their owner.
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `${user}daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 128; }
http {
  default_type application/octet-stream;
  sendfile on;
  keepalive_timeout 30s;
  log_format t '$request_method $uri $status $http_range';
  access_log ${dir}/access.log t;
  client_body_temp_path ${dir}/tmp/client;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  server {
    listen 127.0.0.1:${port}${tls};
    root ${o.root};
    location / { }
  }
}
`;
}

async function waitForPort(port: number, child: ChildProcess, errorLog: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : ''}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`nginx did not listen on ${port} within 10 s`);
}

/** Starts nginx serving `root`; resolves once it accepts connections. */
export async function startNginx(o: NginxOptions): Promise<Nginx> {
  if (!NGINX) throw new Error('nginx is not installed (apt-get install nginx)');
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-nginx-'));
  mkdirSync(join(dir, 'tmp'));
  for (let tries = 0; ; tries++) {
    const port = await freePort();
    writeFileSync(join(dir, 'nginx.conf'), config(dir, port, o));
    const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: 'ignore' });
    running.add(child);
    const exited = new Promise<void>((resolve) => child.once('exit', () => { running.delete(child); resolve(); }));
    try {
      await waitForPort(port, child, join(dir, 'error.log'));
    } catch (e) {
      child.kill('SIGKILL');
      await exited;
      if (tries < 2) continue;
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    const scheme = o.tls ? 'https' : 'http';
    return {
      port,
      url: `${scheme}://127.0.0.1:${port}`,
      accessLog: () => (existsSync(join(dir, 'access.log')) ? readFileSync(join(dir, 'access.log'), 'utf8').split('\n').filter(Boolean) : []),
      async stop() {
        if (child.exitCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
          await exited;
          clearTimeout(timer);
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}
