from django.db import migrations, models


def give_everyone_a_slug(apps, schema_editor):
    from meetings.text import person_slug

    Person = apps.get_model("meetings", "Person")
    taken: set[str] = set()
    people = list(Person.objects.order_by("pk"))
    for person in people:
        person.slug = person_slug(person.name, taken)
        taken.add(person.slug)
    Person.objects.bulk_update(people, ["slug"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_search_index")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="slug",
            field=models.SlugField(blank=True, db_index=False, default="", max_length=120),
            preserve_default=False,
        ),
        migrations.RunPython(give_everyone_a_slug, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="person",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="The person's address on the public site; made from the name when left empty.",
                max_length=120,
                unique=True,
            ),
        ),
    ]
