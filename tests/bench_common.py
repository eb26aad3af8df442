"""What the benchmark scripts share: Odoo opened on a database from a configuration file, and
a cooperative with its members inserted in bulk."""
import time


def open_registry(config_file, database):
    """Odoo's registry of ``database``, configured from ``config_file``."""
    import odoo
    from odoo.tools import config
    config.parse_config(["-c", config_file, "-d", database, "--log-level=warn"])
    odoo.service.server.load_server_wide_modules()
    return odoo.modules.registry.Registry(database)


def bench_cooperative(env, label, members, **values):
    """A new cooperative (Mali) with ``members`` active principal members, inserted with the
    registry's ``bulk_create``; the environment is switched to it.

    :return: ``(env, company, memberships)``
    """
    from odoo.addons.coup_member_registry.tools.bulk_create import bulk_create
    company = env["res.company"].create(dict({
        "name": "Bench %s %s" % (label, time.time()), "country_id": env.ref("base.ml").id},
        **values))
    env.user.company_ids |= company
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    partners = bulk_create(env["res.partner"], [
        {"name": "Membre %06d" % n, "active": True, "type": "contact",
         "village": "Village %d" % (n % 40)} for n in range(members)],
        computed_by_caller=("complete_name",))
    numbers = company._coup_next_member_numbers(len(partners))
    memberships = bulk_create(env["coup.membership"], [
        {"partner_id": pid, "company_id": company.id, "member_number": number,
         "membership_type": "principal", "state": "active", "active": True,
         "join_date": "2020-01-01"} for pid, number in zip(partners.ids, numbers)])
    env.flush_all()
    return env, company, memberships
