"""Set-based creation for imports of tens of thousands of rows.

``Model.create`` costs a millisecond or more per record (defaults, computed fields and cache
work done record by record); a 50,000-row register would take minutes. ``bulk_create`` asks
for the defaults once, inserts the rows with one INSERT per thousand, and leaves to the ORM
only the stored computed fields the caller did not fill, computed in batch. The caller
passes values of plain stored columns only (no x2many, no company-dependent fields).

What ``Model.create`` checks still holds: the access rights before the insert, and after it
the record rules for creation and the companies of the rows (``_check_company``); a row the
user may not create undoes the whole insert (a savepoint), nothing is left half-written.
"""
import datetime

from psycopg2.extras import execute_values

MAGIC = ("create_uid", "create_date", "write_uid", "write_date")


def bulk_create(model, vals_list, computed_by_caller=(), page_size=1000):
    """Insert ``vals_list`` into ``model``'s table and return the new records.

    ``computed_by_caller`` names stored computed fields whose values the caller either put in
    the rows or knows to be empty for them; every other stored computed field is computed by
    the ORM afterwards.
    """
    if not vals_list:
        return model.browse()
    model.check_access("create")
    env = model.env
    model.flush_model()
    columns = {
        name: field for name, field in model._fields.items()
        if field.store and field.column_type and not field.company_dependent
        and name not in ("id", *MAGIC)
    }
    defaults = {
        name: value for name, value in model.default_get(list(columns)).items()
        if name in columns and not (columns[name].compute or columns[name].related)
    }
    names = sorted(set(defaults).union(*(vals.keys() for vals in vals_list)))
    unknown = [name for name in names if name not in columns]
    if unknown:
        raise ValueError("bulk_create takes plain stored columns only, not %s" % unknown)
    now = datetime.datetime.now().replace(microsecond=0)
    uid = env.uid
    converters = [columns[name].convert_to_column_insert for name in names]
    rows = []
    for vals in vals_list:
        row = [convert(vals.get(name, defaults.get(name, False)), model, vals)
               for name, convert in zip(names, converters)]
        rows.append((*row, uid, now, uid, now))
    query = 'INSERT INTO "%s" (%s) VALUES %%s RETURNING id' % (
        model._table, ", ".join('"%s"' % name for name in (*names, *MAGIC)))
    # a refusal rolls the savepoint back, and Odoo's flushing savepoint then clears the caches
    # and pending computations that knew of the rows
    with env.cr.savepoint():
        return _insert(model, query, rows, names, columns, computed_by_caller, page_size)


def _insert(model, query, rows, names, columns, computed_by_caller, page_size):
    env = model.env
    ids = [
        row[0] for row in execute_values(env.cr._obj, query, rows, page_size=page_size, fetch=True)
    ]
    records = model.browse(ids)
    # one2many caches on the other side of our many2ones do not know the new rows yet
    for name in names:
        if columns[name].type == "many2one":
            comodel = env[columns[name].comodel_name]
            stale = [f.name for f in comodel._fields.values()
                     if f.type == "one2many" and f.comodel_name == model._name
                     and f.inverse_name == name]
            if stale:
                comodel.invalidate_model(stale, flush=False)
    for field in model._fields.values():
        if field.store and (field.compute or field.related) \
                and field.name not in computed_by_caller and field.name not in names:
            env.add_to_compute(field, records)
    records.modified(names, create=True)
    for name in computed_by_caller:
        if name in model._fields:
            env.remove_to_compute(model._fields[name], records)
    records._validate_fields(names)
    # the record rules and company checks that Model.create applies to what it inserted
    records.flush_recordset()
    records.check_access("create")
    if model._check_company_auto:
        records._check_company()
    return records



def bulk_write(model, names, rows, page_size=1000):
    """Write values that differ from record to record (numbers, seals, links made in a
    batch) with one UPDATE per thousand records, where ``write`` issues one per record.

    ``rows`` are ``(id, value, ...)`` tuples, the values in the order of ``names``, plain
    stored columns of ``model``. For columns the caller's own code owns: no access check,
    no record rule, no constraint, no tracking and nothing recomputed, as with the SQL it
    replaces. The records' caches of those columns, and the one2many caches on the other
    side of a many2one written, are invalidated.
    """
    if not rows:
        return
    env = model.env
    columns = [model._fields[name] for name in names]
    model.flush_model(names)
    assignments = ", ".join('"%s" = v."%s"::%s' % (name, name, field.column_type[1])
                            for name, field in zip(names, columns))
    query = 'UPDATE "%s" AS t SET %s FROM (VALUES %%s) AS v(id, %s) WHERE t.id = v.id' % (
        model._table, assignments, ", ".join('"%s"' % name for name in names))
    execute_values(env.cr._obj, query, rows, page_size=page_size)
    model.browse([row[0] for row in rows]).invalidate_recordset(names, flush=False)
    for field in columns:
        if field.type == "many2one":
            comodel = env[field.comodel_name]
            stale = [f.name for f in comodel._fields.values()
                     if f.type == "one2many" and f.comodel_name == model._name
                     and f.inverse_name == field.name]
            if stale:
                comodel.invalidate_model(stale, flush=False)
