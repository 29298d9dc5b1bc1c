from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('locations', '0014_renditions_by_the_worker'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='location',
            options={'ordering': ['sort_order', 'name'], 'permissions': [('change_routing', 'Can change where patient requests and calls go')], 'verbose_name': 'office', 'verbose_name_plural': 'offices'},
        ),
    ]
