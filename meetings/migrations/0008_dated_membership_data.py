from django.db import migrations


def load(apps, schema_editor):
    from meetings.reference.loader import load_formats

    load_formats(apps)


class Migration(migrations.Migration):
    """The formats' membership dates, and the formats added since 0002 (the
    China–Kyrgyzstan–Uzbekistan railway talks)."""

    dependencies = [("meetings", "0007_event_and_dated_membership")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
