"""The production stack of deploy/ on one machine: nginx (TLS) → Varnish → gunicorn,
plus the task worker, from the same configuration files a server installs.

    python deploy/stack.py run            # `make run-production`: serve until Ctrl-C
    python deploy/stack.py render DIR     # write nginx's site.conf for a server

``render`` fills deploy/nginx/site.conf's ``${NAME}`` placeholders from the environment
(SERVER_NAME, HTTP_LISTEN, HTTPS_LISTEN, HTTPS_PORT_SUFFIX, VARNISH_ADDRESS, STATIC_ROOT,
MEDIA_ROOT, TLS_CERTIFICATE, TLS_CERTIFICATE_KEY). ``run`` picks free high ports, makes
a self-signed certificate, and runs nginx and varnishd as the invoking user with their
pid, temporary and working files in their own folder. tests/test_deploy.py drives the
same ``LocalStack``."""

import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
ROOT = DEPLOY.parent
PYTHON = sys.executable
PLACEHOLDER = re.compile(r"\$\{([A-Z][A-Z0-9_]*)\}")


def render(template, values):
    """Replace ``${NAME}`` (upper-case names only: nginx's own ``$host`` stays)."""

    def value(match):
        name = match.group(1)
        if name not in values:
            raise KeyError(f"{template}: no value for ${{{name}}}")
        return str(values[name])

    return PLACEHOLDER.sub(value, Path(template).read_text())


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def self_signed_certificate(folder):
    cert, key = folder / "tls.crt", folder / "tls.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def probe_path():
    """The path Varnish's health probe asks the application for (deploy/varnish/backend.vcl)."""
    backend = (DEPLOY / "varnish/backend.vcl").read_text()
    return re.search(r'\.url\s*=\s*"([^"]+)"', backend).group(1)


def self_signed_client_context():
    """A TLS client context for this stack's own self-signed certificate: neither the
    name nor the chain is checked (the stack checks itself, on loopback)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


class LocalStack:
    """nginx, varnishd, gunicorn and db_worker on free local ports, production settings."""

    def __init__(self, run_dir=None, env=None, workers=1, log=print):
        self.run_dir = Path(run_dir or tempfile.mkdtemp(prefix="site-stack-"))
        self.extra_env = env or {}
        self.worker_count = workers
        self.log = log
        self.processes = {}
        self.gunicorn_port = free_port()
        self.varnish_port = free_port()
        self.http_port = free_port()
        self.https_port = free_port()
        self.url = f"https://localhost:{self.https_port}"
        self.varnish_url = f"http://127.0.0.1:{self.varnish_port}"

    # --- configuration ------------------------------------------------------------

    @property
    def env(self):
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "website.settings.production",
                "SECRET_KEY": self.secret_key,
                "ALLOWED_HOSTS": "localhost,127.0.0.1",
                "WAGTAILADMIN_BASE_URL": self.url,
                "TRUSTED_PROXY_COUNT": "2",  # nginx and Varnish
                "VARNISH_URL": self.varnish_url,  # purges, sent by the task worker
                "STATIC_ROOT": str(self.run_dir / "static"),
                "DOCUMENT_SERVING": "nginx",
                "SITE_ENVIRONMENT": "staging",
                "SECURE_HSTS_SECONDS": "0",  # a self-signed localhost is no place for HSTS
                "PYTHONPATH": str(ROOT),
            }
        )
        env.setdefault("MEDIA_ROOT", str(ROOT / "media"))
        env.update(self.extra_env)
        return env

    def write_configuration(self):
        run = self.run_dir
        run.mkdir(parents=True, exist_ok=True)
        for sub in ("nginx-tmp", "varnish", "static"):
            (run / sub).mkdir(exist_ok=True)
        self.secret_key = (run / "secret_key").read_text() if (run / "secret_key").exists() else ""
        if not self.secret_key:
            self.secret_key = secrets.token_urlsafe(50)
            (run / "secret_key").write_text(self.secret_key)
        cert, key = self_signed_certificate(run)
        env = self.env
        values = {
            "SERVER_NAME": "localhost 127.0.0.1",
            "HTTP_LISTEN": f"127.0.0.1:{self.http_port}",
            "HTTPS_LISTEN": f"127.0.0.1:{self.https_port}",
            "HTTPS_PORT_SUFFIX": f":{self.https_port}",
            "VARNISH_ADDRESS": f"127.0.0.1:{self.varnish_port}",
            "STATIC_ROOT": env["STATIC_ROOT"],
            "MEDIA_ROOT": env["MEDIA_ROOT"],
            "TLS_CERTIFICATE": cert,
            "TLS_CERTIFICATE_KEY": key,
            "RUN_DIR": run,
            # Started by root, nginx would hand its workers to "nobody"; stay the caller.
            "USER_DIRECTIVE": "user root;" if os.geteuid() == 0 else "",
        }
        (run / "site.conf").write_text(render(DEPLOY / "nginx/site.conf", values))
        (run / "nginx.conf").write_text(render(DEPLOY / "nginx/nginx-local.conf", values))
        # site.vcl as committed; backend.vcl beside it names this stack's gunicorn port.
        shutil.copyfile(DEPLOY / "varnish/site.vcl", run / "site.vcl")
        backend = (DEPLOY / "varnish/backend.vcl").read_text()
        backend = re.sub(
            r'(\.port\s*=\s*")\d+(")', rf"\g<1>{self.gunicorn_port}\g<2>", backend, count=1
        )
        (run / "backend.vcl").write_text(backend)
        # varnishd's compiler may run as another user: everything it reads is readable.
        for path in (run, run / "site.vcl", run / "backend.vcl"):
            path.chmod(0o755 if path.is_dir() else 0o644)

    # --- processes ----------------------------------------------------------------

    def manage(self, *args):
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True)

    def prepare(self, demo=False):
        self.write_configuration()
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("collectstatic", "--noinput", "-v", "0")
        if demo:
            self.manage("load_demo_content")
            self.manage("update_index")

    def spawn(self, name, command, **kwargs):
        log = open(self.run_dir / f"{name}.log", "ab")  # closed when the process ends
        self.processes[name] = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, **kwargs
        )

    def start(self):
        run = self.run_dir
        self.spawn(
            "gunicorn",
            [
                str(Path(PYTHON).with_name("gunicorn")),
                "website.wsgi",
                "--bind",
                f"127.0.0.1:{self.gunicorn_port}",
                "--workers",
                "2",
                "--forwarded-allow-ips",
                "127.0.0.1,::1",
            ],
        )
        for number in range(1, self.worker_count + 1):
            self.spawn(f"db_worker-{number}", [PYTHON, "manage.py", "db_worker"])
        self.wait_for_application()
        self.spawn(
            "varnishd",
            [
                shutil.which("varnishd") or "/usr/sbin/varnishd",
                "-F",
                "-j",
                "none",
                "-a",
                f"127.0.0.1:{self.varnish_port}",
                "-T",
                "none",
                "-f",
                str(run / "site.vcl"),
                "-n",
                str(run / "varnish"),
                "-s",
                "malloc,64m",
                "-p",
                "default_ttl=300",
            ],
        )
        self.spawn(
            "nginx",
            [
                shutil.which("nginx") or "/usr/sbin/nginx",
                "-p",
                str(run),
                "-c",
                str(run / "nginx.conf"),
                "-g",
                "daemon off;",
            ],
        )
        self.wait_until_healthy()

    def check_running(self):
        for name, process in self.processes.items():
            if process.poll() is not None:
                log = (self.run_dir / f"{name}.log").read_text(errors="replace")[-3000:]
                raise RuntimeError(f"{name} exited ({process.returncode}):\n{log}")

    def wait_for_application(self, timeout=180):
        """Until gunicorn answers (whatever the status) what Varnish's health probe asks
        for, so that Varnish starts after the application, as its systemd unit does
        (``After=site-gunicorn.service``). Started together on a busy machine, the
        probe met workers still loading the application, for longer than its timeout,
        three times in a row: Varnish counted the application sick and answered 503 to
        what it did not hold."""
        path = probe_path()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check_running()
            connection = http.client.HTTPConnection("127.0.0.1", self.gunicorn_port, timeout=30)
            try:
                connection.request("GET", path, headers={"Host": "localhost"})
                connection.getresponse().read()
                return
            except OSError:
                time.sleep(0.3)
            finally:
                connection.close()
        raise RuntimeError(f"gunicorn did not answer in {timeout} s ({self.run_dir})")

    def wait_until_healthy(self, timeout=180):
        context = self_signed_client_context()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check_running()
            try:
                with urllib.request.urlopen(self.url + "/healthz", context=context, timeout=5) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"the stack did not answer /healthz in {timeout} s ({self.run_dir})")

    def stop(self):
        for process in reversed(list(self.processes.values())):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()


def main(argv):
    if len(argv) >= 2 and argv[0] == "render":
        out = Path(argv[1])
        out.mkdir(parents=True, exist_ok=True)
        (out / "site.conf").write_text(render(DEPLOY / "nginx/site.conf", os.environ))
        print(f"wrote {out / 'site.conf'}")
        return 0
    if argv[:1] != ["run"]:
        print(__doc__)
        return 2
    stack = LocalStack(run_dir=os.environ.get("RUN_DIR") or ROOT / ".run-production", workers=2)
    stack.prepare(demo=True)
    stack.start()
    print(f"\n  Site:  {stack.url}/  (self-signed certificate: accept it in the browser)")
    print(f"  Admin: {stack.url}/admin/")
    print(f"  Logs and configuration: {stack.run_dir}\n")
    try:
        while all(p.poll() is None for p in stack.processes.values()):
            time.sleep(1)
        print("a process stopped; see its log in", stack.run_dir)
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
