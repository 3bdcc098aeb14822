"""WSGI entry point for gunicorn: ``gunicorn mamori.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mamori.settings")
application = get_wsgi_application()
