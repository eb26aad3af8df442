import base64
import datetime
import hashlib
import json
import logging
import threading
from collections import OrderedDict

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# computed fields whose value comes only from the product's, its template's and the tables
# named below (their rows change when they change): the till's row cache may keep them
COUP_POS_ROW_COMPUTED = {"display_name", "lst_price", "price_extra", "image_128",
                         "all_product_tag_ids", "write_date"}
# read by those computations, whatever the fields asked
COUP_POS_ROW_TABLES = {"product_template_attribute_value", "product_attribute_value",
                       "product_attribute", "product_variant_combination", "uom_uom",
                       "res_company", "ir_rule", "rule_group_rel", "res_groups_users_rel",
                       "ir_model_access", "ir_module_module"}
# the rows shared by all the server's workers and kept across restarts (see read())
COUP_POS_ROW_TABLE = "coup_pos_row_cache"
COUP_POS_ROW_DAYS = 7  # a user's rows not written for that long are dropped
COUP_POS_ROW_KEYS = 16  # users x languages x companies x tills kept per process
_rows_lock = threading.Lock()


class ProductProduct(models.Model):
    _inherit = "product.product"

    coup_pos_brand_name = fields.Char(related="product_brand_id.name", string="Brand (Till)")

    def init(self):
        """The till's rows shared by the workers (see :meth:`read`): not a model, nobody
        reads it through the ORM or RPC; any change of modules empties its use (the module
        table is in the rows' fingerprint)."""
        super().init()
        self.env.cr.execute(SQL(
            "CREATE TABLE IF NOT EXISTS %s (key varchar(64) NOT NULL,"
            " product_id integer NOT NULL, version varchar NOT NULL,"
            " fingerprint varchar(64) NOT NULL, row text NOT NULL,"
            " written timestamp NOT NULL DEFAULT (now() at time zone 'UTC'),"
            " PRIMARY KEY (key, product_id))", SQL.identifier(COUP_POS_ROW_TABLE)))

    @api.model
    def _load_pos_data_fields(self, config_id):
        """The till searches by brand too."""
        return super()._load_pos_data_fields(config_id) + ["coup_pos_brand_name"]

    def _load_pos_data(self, data):
        """The till only needs to know whether a product has a picture (Odoo turns
        ``image_128`` into a boolean and the browser fetches the picture by URL): read as its
        size, not as the picture itself, which for a catalogue of thousands meant reading
        every picture from the filestore at each opening. The product rows are read through
        the till's row cache (``coup_pos_rows``, see :meth:`read`)."""
        return super(ProductProduct, self.with_context(
            bin_size=True, coup_pos_rows=True))._load_pos_data(data)

    def read(self, fields=None, load="_classic_read"):
        """The till's product rows, kept between openings (issue 19: Odoo's ``read`` of ~30
        fields, most of them related or computed, took seconds of CPU for 3,000 products at
        each opening, while a shop's catalogue changes a few rows a day).

        Only for the till's loading (context ``coup_pos_rows``) and ``load=False``. Access is
        checked as by ``read`` at each call (records and fields, for the calling user). A row
        is kept per user, context (language, companies...) and fields, with the versions
        (PostgreSQL's ``xmin`` and ``ctid``, new at each update, even within a transaction)
        of its product and template rows: a product or template
        changed in any way, by anyone, is read again. Any change in the other tables the
        rows come from (taxes, categories, tags, brands, attributes, units, companies,
        access rules and groups, relation tables, modules) empties the user's cache. Fields
        computed from elsewhere are never kept: read each time.

        The rows are kept in the process and in a table (``coup_pos_row_cache``) under the
        same key, fingerprint and versions, so that a worker's first opening (each worker
        of a server starts empty and workers are recycled) takes the rows another worker or
        an earlier run read instead of Odoo's ``read`` of the whole catalogue (seconds)."""
        if not self.env.context.get("coup_pos_rows") or load or not fields or not self:
            return super().read(fields, load=load)
        fields = self.check_field_access_rights("read", fields)
        self.check_access("read")
        volatile = [name for name in fields if not self._coup_pos_row_cacheable(name)]
        kept = [name for name in fields if name not in volatile]
        self.env.flush_all()
        tables = self._coup_pos_row_tables(kept)
        everything = self.env.execute_query(SQL(" UNION ALL ").join(
            SQL("SELECT %s, count(*), coalesce(sum(xmin::text::bigint), 0),"
                " md5(string_agg(ctid::text, ',' ORDER BY ctid)) FROM %s",
                table, SQL.identifier(table)) for table in sorted(tables)))
        versions = dict(self.env.execute_query(SQL(
            "SELECT pp.id, concat_ws('/', pp.xmin, pp.ctid, pt.xmin, pt.ctid) FROM product_product pp"
            " JOIN product_template pt ON pt.id = pp.product_tmpl_id WHERE pp.id = ANY(%s)",
            self.ids)))
        key = (self.env.uid, self.env.su, self.env.company.id, tuple(self.env.companies.ids),
               tuple(sorted(
            (k, repr(v)) for k, v in self.env.context.items())), tuple(kept))
        cache = self.pool.__dict__.setdefault("_coup_pos_rows", OrderedDict())
        fingerprint = tuple(sorted(map(tuple, everything)))
        with _rows_lock:
            entry = cache.get(key)
            if entry is None or entry[0] != fingerprint:
                entry = cache[key] = (fingerprint, {})
            cache.move_to_end(key)
            while len(cache) > COUP_POS_ROW_KEYS:
                cache.popitem(last=False)
        rows = entry[1]
        missing = self.browse([pid for pid in self.ids if pid not in rows
                               or rows[pid][0] != versions.get(pid)])
        if missing:
            digests = self._coup_pos_row_digests(key[:-1] + (tuple(sorted(kept)),), fingerprint)
            for pid, row in self._coup_pos_rows_shared(digests, missing, versions, kept).items():
                rows[pid] = (versions.get(pid), row)
            missing = missing.filtered(lambda product: product.id not in rows
                                       or rows[product.id][0] != versions.get(product.id))
        if missing:
            read = super(ProductProduct, missing).read(kept, load=load)
            for row in read:
                rows[row["id"]] = (versions.get(row["id"]), row)
            self._coup_pos_rows_share(digests, read, versions)
        fresh = {row["id"]: row for row in super().read(volatile, load=load)} if volatile \
            else {}
        result = []
        for pid in self.ids:
            row = {name: list(value) if isinstance(value, list) else value
                   for name, value in rows[pid][1].items()}
            row.update(fresh.get(pid, {}))
            result.append(row)
        return result

    @api.model
    def _coup_pos_row_digests(self, key, fingerprint):
        """The key and fingerprint of the rows as stored in the shared table."""
        return tuple(hashlib.sha256(repr(part).encode()).hexdigest()
                     for part in (key, fingerprint))

    @api.model
    def _coup_pos_row_table_exists(self):
        exists = self.pool.__dict__.get("_coup_pos_row_table")
        if not exists:
            exists = self.pool._coup_pos_row_table = bool(self.env.execute_query(SQL(
                "SELECT 1 FROM pg_class WHERE relname = %s AND relkind = 'r'",
                COUP_POS_ROW_TABLE)))
        return exists

    def _coup_pos_rows_shared(self, digests, products, versions, fields):
        """The rows of ``products`` another worker (or run) stored under the same key and
        fingerprint, at their products' current versions."""
        if not self._coup_pos_row_table_exists():
            return {}
        stored = self.env.execute_query(SQL(
            "SELECT product_id, version, row FROM %s WHERE key = %s AND fingerprint = %s"
            " AND product_id = ANY(%s)", SQL.identifier(COUP_POS_ROW_TABLE), digests[0],
            digests[1], products.ids))
        order = ["id", *(name for name in fields if name != "id")]
        rows = {}
        for pid, version, text in stored:
            row = _coup_pos_row_loads(text)
            if version == versions.get(pid) and set(row) == set(order):
                # in the order Odoo's read gives them
                rows[pid] = {name: row[name] for name in order}
        return rows

    def _coup_pos_rows_share(self, digests, rows, versions):
        """Store ``rows`` for the other workers, in a transaction of its own (committed
        whatever becomes of the caller's: a row read from uncommitted changes carries
        versions no committed row will ever have). Only rows that come back identical from
        their stored form; a failure (two workers storing the same rows) loses nothing."""
        if self.env.cr.readonly or not self._coup_pos_row_table_exists():
            # a read-only request (a replica) shares nothing: the next one will
            return
        values = []
        for row in rows:
            text = _coup_pos_row_dumps(row)
            if text is not None and versions.get(row["id"]):
                values.append(SQL("(%s, %s, %s, %s, %s)", digests[0], row["id"],
                                  versions[row["id"]], digests[1], text))
        if not values:
            return
        try:
            with self.pool.cursor() as cr:
                # never wait long behind another worker storing the same rows
                cr.execute("SET LOCAL lock_timeout = '2s'")
                cr.execute(SQL(
                    "INSERT INTO %s (key, product_id, version, fingerprint, row) VALUES %s"
                    " ON CONFLICT (key, product_id) DO UPDATE SET version = EXCLUDED.version,"
                    " fingerprint = EXCLUDED.fingerprint, row = EXCLUDED.row,"
                    " written = now() at time zone 'UTC'",
                    SQL.identifier(COUP_POS_ROW_TABLE), SQL(", ").join(values)))
                cr.execute(SQL(
                    "DELETE FROM %s WHERE written < (now() at time zone 'UTC') - %s * interval '1 day'",
                    SQL.identifier(COUP_POS_ROW_TABLE), COUP_POS_ROW_DAYS))
        except Exception as error:  # noqa: BLE001 -- the rows stay read, only not shared
            _logger.info("Till rows not shared: %s", error)

    @api.model
    def _coup_pos_row_cacheable(self, name):
        """Whether the till's row cache may keep field ``name``: stored on the product or
        reached through stored fields, or computed from the row cache's tables only."""
        if name in COUP_POS_ROW_COMPUTED or name == "id":
            return True
        model, field = self, self._fields[name]
        while field.related:
            for step in field.related.split(".")[:-1]:
                model = model.env[model._fields[step].comodel_name]
            field = model._fields[field.related.split(".")[-1]]
        return field.store or (model._name == "product.template"
                                and field.name in COUP_POS_ROW_COMPUTED)

    @api.model
    def _coup_pos_row_tables(self, names):
        """The tables the values of fields ``names`` are read from, besides the product's
        and the template's rows."""
        tables = set(COUP_POS_ROW_TABLES) | {"account_tax", "product_tag",
                                             "product_tag_product_template_rel",
                                             "product_tag_product_product_rel"}
        for name in names:
            model, field = self, self._fields[name]
            while field.related:
                for step in field.related.split(".")[:-1]:
                    model = model.env[model._fields[step].comodel_name]
                    tables.add(model._table)
                field = model._fields[field.related.split(".")[-1]]
            if field.relational:
                comodel = self.env[field.comodel_name]
                if not comodel._abstract and comodel._auto:
                    tables.add(comodel._table)
                if field.type == "many2many" and field.store:
                    tables.add(field.relation)
        # the product's and template's rows are versioned row by row
        tables -= {"product_product", "product_template"}
        return {table for (table,) in self.env.execute_query(SQL(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND relname = ANY(%s)",
            sorted(tables)))}

    def _get_archived_combinations_per_product_tmpl_id(self, product_tmpl_ids):
        """Odoo looks at each loaded template's attribute exclusions one by one (queries and
        recordsets per template): a product without attributes has neither archived
        combinations nor exclusions, and most of a grocery's catalogue has none. Only the
        templates with attribute lines are looked at."""
        with_lines = self.env["product.template.attribute.line"].with_context(
            active_test=False)._read_group(
            [("product_tmpl_id", "in", list(product_tmpl_ids))], ["product_tmpl_id"])
        result = {tmpl_id: [] for tmpl_id in product_tmpl_ids}
        result.update(super()._get_archived_combinations_per_product_tmpl_id(
            [template.id for (template,) in with_lines]))
        return result


def _coup_pos_row_default(value):
    if isinstance(value, datetime.datetime):
        return {"__coup_datetime__": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"__coup_date__": value.isoformat()}
    if isinstance(value, bytes):  # a picture's size under bin_size
        return {"__coup_bytes__": base64.b64encode(value).decode()}
    raise TypeError(type(value))


def _coup_pos_row_hook(value):
    if len(value) == 1:
        if "__coup_datetime__" in value:
            return datetime.datetime.fromisoformat(value["__coup_datetime__"])
        if "__coup_date__" in value:
            return datetime.date.fromisoformat(value["__coup_date__"])
        if "__coup_bytes__" in value:
            return base64.b64decode(value["__coup_bytes__"])
    return value


def _coup_pos_row_loads(text):
    return json.loads(text, object_hook=_coup_pos_row_hook)


def _coup_pos_row_dumps(row):
    """A till row as text, or None when it would not come back identical (types that JSON
    does not keep apart, as tuples from lists)."""
    try:
        text = json.dumps(row, default=_coup_pos_row_default, allow_nan=False)
    except (TypeError, ValueError):
        return None
    back = _coup_pos_row_loads(text)
    if back != row or any(type(back[name]) is not type(value) for name, value in row.items()):
        return None
    return text
