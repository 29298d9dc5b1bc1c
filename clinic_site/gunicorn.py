"""gunicorn configuration: `gunicorn -c clinic_site/gunicorn.py clinic_site.wsgi`.

Every value can be overridden from the environment (GUNICORN_* below, or
gunicorn's own GUNICORN_CMD_ARGS).
"""

import os

# Loopback unless told otherwise: only the reverse proxy may reach gunicorn (README).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "sync" if threads == 1 else "gthread"
timeout = 30
graceful_timeout = 20
keepalive = 5
# Restart workers now and then so a slow leak can never grow without bound, but
# rarely: each restart recompiles templates and empties per-process caches.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
preload_app = True
# Refuse oversized request heads before Django sees them (nginx in front refuses headers over
# 8 KB too, deploy/nginx.conf): a 4 KB request line, an 8 KB header, at most 50 headers.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "1") == "1" else None
errorlog = "-"
# The path without its query string: searches can hold a patient's address.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


# The hooks import the project late: gunicorn reads this file before the app is on sys.path.
def pre_fork(server, worker):
    from clinic_site.gc_tuning import freeze_startup_objects

    freeze_startup_objects()  # the preloaded app, shared by every worker, is never walked


def post_fork(server, worker):
    from clinic_site.gc_tuning import collect_less_often

    collect_less_often()
