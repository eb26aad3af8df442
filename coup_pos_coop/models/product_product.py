import threading
from collections import OrderedDict

from odoo import api, fields, models
from odoo.tools import SQL

# computed fields whose value comes only from the product's, its template's and the tables
# named below (their rows change when they change): the till's row cache may keep them
COUP_POS_ROW_COMPUTED = {"display_name", "lst_price", "price_extra", "image_128",
                         "all_product_tag_ids", "write_date"}
# read by those computations, whatever the fields asked
COUP_POS_ROW_TABLES = {"product_template_attribute_value", "product_attribute_value",
                       "product_attribute", "product_variant_combination", "uom_uom",
                       "res_company", "ir_rule", "rule_group_rel", "res_groups_users_rel",
                       "ir_model_access"}
COUP_POS_ROW_KEYS = 16  # users x languages x companies x tills kept per process
_rows_lock = threading.Lock()


class ProductProduct(models.Model):
    _inherit = "product.product"

    coup_pos_brand_name = fields.Char(related="product_brand_id.name", string="Brand (Till)")

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
        access rules and groups, relation tables) empties the user's cache. Fields computed
        from elsewhere are never kept: read each time."""
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
            for row in super(ProductProduct, missing).read(kept, load=load):
                rows[row["id"]] = (versions.get(row["id"]), row)
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
