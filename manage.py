#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meetings.settings")
    # A fresh clone has no secrets: let commands run there in development mode. Deployments set
    # SECRET_KEY, so DEBUG stays off for them unless they ask for it; gunicorn never comes here.
    if not os.environ.get("SECRET_KEY"):
        os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
