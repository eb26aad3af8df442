from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class CoupIndelibleRecordLine(models.AbstractModel):
    """The lines of a confirmed record are as indelible as the record (see
    ``coup.indelible.record``): none added, changed, moved or deleted, in the ORM as in the
    database."""

    _name = "coup.indelible.record.line"
    _description = "Indelible Record Line"
    # the line's record (a Many2one to a ``coup.indelible.record``)
    _coup_record_field = None
    # set by the suite's code only (a lot, the line a reversal negates)
    _coup_system_fields = set()
    # never changed once the record is confirmed; set once after it (a lot)
    _coup_protected_columns = ()
    _coup_set_once_columns = ()

    def _coup_record_model(self):
        return self.env[self._fields[self._coup_record_field].comodel_name]

    def _coup_confirmed_records(self, vals=None):
        records = self[self._coup_record_field] if self else self._coup_record_model()
        if vals and vals.get(self._coup_record_field):
            records |= self._coup_record_model().browse(vals[self._coup_record_field])
        return records.filtered(lambda r: r.state == "confirmed")

    def _coup_refuse(self, record, fields_=None):
        if fields_:
            raise UserError(_("%(record)s: %(fields)s cannot be set on its lines: they are kept "
                              "by Co-Up itself.", record=record.display_name,
                              fields=", ".join(sorted(fields_))))
        raise UserError(_("%(record)s is confirmed: its lines cannot be changed or "
                          "deleted. Correct a mistake with a reversal.",
                          record=record.display_name))

    def _coup_is_system(self):
        return self._coup_record_model()._coup_is_system()

    def _coup_system_line(self):
        """These lines, in the hands of the suite's own code."""
        return self.with_env(self._coup_record_model()._coup_system().env)

    @api.model_create_multi
    def create(self, vals_list):
        system = self._coup_is_system()
        for vals in vals_list:
            confirmed = self._coup_confirmed_records(vals)
            if confirmed:
                self._coup_refuse(confirmed[0])
            forbidden = set(vals) & (self._coup_system_fields | set(self._coup_set_once_columns))
            if forbidden and not system:
                self._coup_refuse(self._coup_record_model().browse(
                    vals.get(self._coup_record_field)), forbidden)
        return super().create(vals_list)

    def write(self, vals):
        confirmed = self._coup_confirmed_records(vals)
        if not self._coup_is_system():
            forbidden = set(vals) & (self._coup_system_fields | set(self._coup_set_once_columns))
            if forbidden:
                self._coup_refuse(self[self._coup_record_field][:1], forbidden)
            if confirmed:
                self._coup_refuse(confirmed[0])
        elif confirmed:
            once = set(self._coup_set_once_columns)
            if set(vals) - once - {"write_date", "write_uid"}:
                self._coup_refuse(confirmed[0])
            for name in set(vals) & once:
                if self.filtered(name):
                    self._coup_refuse(confirmed[0], {name})
        return super().write(vals)

    def unlink(self):
        confirmed = self._coup_confirmed_records()
        if confirmed:
            self._coup_refuse(confirmed[0])
        return super().unlink()

    # ------------------------------------------------------------------ database

    def init(self):
        super().init()
        if self._abstract or not self._coup_record_field:
            return
        self._coup_install_guard()

    def _coup_install_guard(self):
        """A trigger that refuses, in the database, a line added to, moved into, changed in or
        deleted from a confirmed record."""
        table, parent = self._table, self._coup_record_model()._table
        link = self._coup_record_field
        protected = [c for c in dict.fromkeys([link] + list(self._coup_protected_columns))
                     if c in self._fields and self._fields[c].store
                     and self._fields[c].column_type]
        changed = [SQL("NEW.%s IS DISTINCT FROM OLD.%s", SQL.identifier(c), SQL.identifier(c))
                   for c in protected]
        changed += [SQL("(OLD.%s IS NOT NULL AND NEW.%s IS DISTINCT FROM OLD.%s)",
                        SQL.identifier(c), SQL.identifier(c), SQL.identifier(c))
                    for c in self._coup_set_once_columns]
        self.env.cr.execute(SQL("""
            CREATE OR REPLACE FUNCTION %(function)s() RETURNS trigger AS $$
            DECLARE
                number varchar;
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    SELECT name INTO number FROM %(parent)s
                     WHERE id = OLD.%(link)s AND state = 'confirmed';
                    IF FOUND THEN
                        RAISE EXCEPTION %(deleted)s, number
                            USING ERRCODE = 'restrict_violation';
                    END IF;
                    RETURN OLD;
                END IF;
                IF TG_OP = 'UPDATE' THEN
                    IF %(changed)s THEN
                        SELECT name INTO number FROM %(parent)s
                         WHERE id = OLD.%(link)s AND state = 'confirmed';
                        IF FOUND THEN
                            RAISE EXCEPTION %(changed_msg)s, number
                                USING ERRCODE = 'restrict_violation';
                        END IF;
                    END IF;
                END IF;
                IF TG_OP = 'INSERT' OR NEW.%(link)s IS DISTINCT FROM OLD.%(link)s THEN
                    SELECT name INTO number FROM %(parent)s
                     WHERE id = NEW.%(link)s AND state = 'confirmed';
                    IF FOUND THEN
                        RAISE EXCEPTION %(added)s, number
                            USING ERRCODE = 'restrict_violation';
                    END IF;
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS coup_guard ON %(table)s;
            CREATE TRIGGER coup_guard BEFORE INSERT OR UPDATE OR DELETE ON %(table)s
                FOR EACH ROW EXECUTE FUNCTION %(function)s();
        """,
            deleted='Co-Up: % is confirmed: its lines cannot be deleted',
            changed_msg='Co-Up: % is confirmed: its lines cannot be changed',
            added='Co-Up: % is confirmed: no line can be added to it',
            function=SQL.identifier("coup_guard_%s" % table), table=SQL.identifier(table),
            parent=SQL.identifier(parent), link=SQL.identifier(link),
            changed=SQL(" OR ").join(changed)))
