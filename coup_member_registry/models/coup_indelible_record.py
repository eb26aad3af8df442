import hmac
import os

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, config

from ..tools import cron_budget, indelible
from ..tools.bulk_create import bulk_write

# A context value no RPC call can carry (JSON has no such object): what lets the suite's own
# code set the fields of the chain and the documents made after confirmation. A caller's
# context keys, whatever they are, never open anything.
_SYSTEM = object()


class CoupIndelibleRecord(models.AbstractModel):
    """What makes a record indelible once confirmed, as Odoo's ``l10n_fr_pos_cert`` and
    ``account``'s inalterability hash do, and more: a gap-free number per cooperative, a seal
    over the record's canonical content and the seal of the record before it, writes and
    deletions refused, and a check that recomputes the chain and names the first broken link.

    Against whom (see the registry's readme, "Indelible records"):

    - an **RPC user**, whatever their rights, context or timing: the ORM refuses every change
      of a confirmed record but its chatter, and the fields the chain is made of are set by
      code only (a private context value, not a context key). Numbers are reserved on the
      cooperative's sequence row, which serialises confirmations; a unique index backs it.
    - **code with a bug**: a trigger refuses in the database any UPDATE of a confirmed row's
      protected columns and any DELETE of it.
    - a **database user** (SQL): seals are HMACs keyed by a secret on the server's disk, not
      in the database; each confirmation anchors the chain's head in a signed journal beside
      the key; daily checkpoints go to witnesses. A rewritten, truncated or restored chain is
      named by the check.

    A model using it gives ``_coup_canonical_rows`` (its content, read in SQL, so that the
    check sees what the database holds), ``_coup_sequence_prefix`` and the columns its trigger
    protects.
    """

    _name = "coup.indelible.record"
    _description = "Indelible Record"
    _coup_sequence_prefix = "TR/"
    # records read at once by the integrity check (a slice of the chain: its memory)
    _coup_check_slice = 20000
    # records a cooperative's staff may check while they wait (about a minute); more are
    # checked by the nightly check's cron, started at once
    _coup_check_inline_limit = 1000000
    # set by the suite's code only, never by a caller
    _coup_system_fields = {"name", "state", "sequence_number", "confirm_date", "coup_hash",
                           "coup_previous_hash", "coup_verify_token"}
    # what may still change on a confirmed record: its chatter and its portal token
    _coup_open_fields = {"message_follower_ids", "message_ids", "activity_ids",
                         "message_main_attachment_id", "access_token", "website_message_ids"}
    # the database trigger: columns that never change once confirmed (the chain's own are
    # added), and columns set once after confirmation (a bill, a receipt), then never again
    _coup_protected_columns = ("company_id",)
    _coup_set_once_columns = ()

    name = fields.Char(string="Number", default="/", readonly=True, copy=False, index=True)
    state = fields.Selection([("draft", "Draft"), ("confirmed", "Confirmed")], default="draft",
                             required=True, readonly=True, copy=False, tracking=True)
    sequence_number = fields.Integer(readonly=True, copy=False, index=True)
    confirm_date = fields.Datetime(string="Confirmed On", readonly=True, copy=False)
    coup_hash = fields.Char(string="Seal", readonly=True, copy=False,
                            groups="coup_member_registry.group_coup_user")
    coup_previous_hash = fields.Char(string="Previous Seal", readonly=True, copy=False,
                                     groups="coup_member_registry.group_coup_user")
    coup_verify_token = fields.Char(
        string="Verification Code", readonly=True, copy=False,
        groups="coup_member_registry.group_coup_user", index="btree_not_null",
        help="Printed on the receipt (in its QR code): whoever holds the receipt can check the "
             "record on the cooperative's public page. Random, derived from no other record.")

    # ------------------------------------------------------------------ to be given by models

    def _coup_canonical_rows(self, company, ids=None, after=0, limit=None):
        """``[(id, name, sequence_number, stored seal, stored previous seal, content)]`` of
        the confirmed records of ``company`` (or of ``ids``) in chain order, read in SQL;
        only those numbered after ``after``, at most ``limit`` of them (see
        :meth:`_coup_canonical_slice`)."""
        raise NotImplementedError

    @api.model
    def _coup_canonical_slice(self, alias, ids=None, after=0, limit=None):
        """``(condition, limit)``: the SQL a model's ``_coup_canonical_rows`` puts after its
        ``WHERE`` (``AND …``) and after its ``ORDER BY`` sequence number, to read only
        ``ids``, or one slice of the chain (numbers after ``after``, ``limit`` of them: what
        lets the check read a chain of millions in slices, memory flat)."""
        column = SQL.identifier(alias, "sequence_number")
        condition = SQL(" ").join(filter(None, [
            ids and SQL("AND %s = ANY(%s)", SQL.identifier(alias, "id"), list(ids)),
            after and SQL("AND %s > %s", column, after)]))
        return condition, SQL("LIMIT %s", limit) if limit else SQL()

    # ------------------------------------------------------------------ the system's hand

    def _coup_system(self):
        """These records, in the hands of the suite's own code (see ``_SYSTEM``)."""
        return self.with_context(coup_system=_SYSTEM)

    def _coup_is_system(self):
        return self.env.context.get("coup_system") is _SYSTEM

    # ------------------------------------------------------------------ keys and anchors

    @api.model
    def _coup_key_folder(self):
        return config.get("coup_key_dir") or os.path.join(config["data_dir"], "coup_keys")

    @api.model
    def _coup_key(self, create=True):
        """This database's chain key, on the server's disk (made on first use)."""
        return indelible.load_key(indelible.key_path(self._coup_key_folder(),
                                                     self.env.cr.dbname), create=create)

    @api.model
    def _coup_anchor_path(self):
        folder = config.get("coup_anchor_dir") or os.path.join(config["data_dir"],
                                                               "coup_anchors")
        return os.path.join(folder, "%s.jsonl" % self.env.cr.dbname)

    @api.model
    def _coup_check_pass_path(self):
        """Where the nightly check keeps the pass it has not finished (beside the journal:
        outside the database, as the journal, so that no database user moves it on)."""
        return os.path.splitext(self._coup_anchor_path())[0] + ".check.json"

    @api.model
    def _coup_check_pass_read(self):
        """The nightly check's pass in progress on this database, or a new one: ``noted``
        (the cooperatives done), ``checked`` (the chains of the next cooperative done, by
        model) and ``resume`` (``company``, ``model`` and where its check goes on)."""
        uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid")
        key = self._coup_key(create=False)
        state = indelible.read_json(self._coup_check_pass_path())
        # another database's pass, or one not sealed with this server's key: a new pass
        mac = state.pop("mac", None) if isinstance(state, dict) else None
        if not key or not mac or not hmac.compare_digest(str(mac), key.seal(state, "check pass")) \
                or state.get("database") != uuid:
            state = {"database": uuid, "started": fields.Datetime.now().isoformat(),
                     "noted": [], "checked": {}, "resume": None}
        return state

    @api.model
    def _coup_check_pass_keep(self, state):
        """Keep the pass as it stands once this transaction is committed (its notes on the
        cooperatives with it: a run killed before keeps the pass as it was); ``None``: the
        pass is over."""
        path, key = self._coup_check_pass_path(), self._coup_key(create=False)
        if not key:
            # nothing sealed on this server: every check ends at once, nothing to keep
            state = None
        data = self.env.cr.postcommit.data
        first = "coup.check_pass" not in data
        data["coup.check_pass"] = state
        if first:

            @self.env.cr.postcommit.add
            def _keep():
                kept = data.pop("coup.check_pass")
                indelible.write_json(path, kept and dict(kept, mac=key.seal(kept, "check pass")))

    @api.model
    def _coup_check_deadline(self):
        """When a run of the nightly check stops and leaves the rest to the next: at half
        the CPU time the cron worker has left in this pass over its jobs, or half a cron's
        real time (see ``tools/cron_budget``)."""
        return cron_budget.Deadline(
            config["limit_time_cpu"],
            cron_budget.cron_real_limit(config["limit_time_real_cron"],
                                        config["limit_time_real"]))

    def _coup_anchor_after_commit(self, entries):
        """Anchor the chains' new heads in the journal once the transaction is committed (a
        transaction rolled back anchors nothing)."""
        path, key = self._coup_anchor_path(), self._coup_key()
        data = self.env.cr.postcommit.data
        first = "coup.anchors" not in data
        pending = data.setdefault("coup.anchors", {})
        for entry in entries:
            pending[(entry["company"], entry["model"])] = entry
        if first:

            @self.env.cr.postcommit.add
            def _anchor():
                indelible.append_anchors(path, list(pending.values()), key)

    # ------------------------------------------------------------------ numbers

    def _coup_sequence_code(self, company):
        return "%s.%s" % (self._name, company.id)

    def _coup_sequence(self, company):
        """The cooperative's gap-free sequence of this kind of record. Made once, even by
        four first confirmations at once: its creation is claimed (``coup.capture.ref``)."""
        code = self._coup_sequence_code(company)
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search([("code", "=", code)], limit=1)
        if sequence:
            return sequence

        def make():
            return Sequence.create({
                "name": "%s (%s)" % (self._description, company.name), "code": code,
                "implementation": "no_gap", "padding": 0, "company_id": company.id})

        sequence, __ = self.env["coup.capture.ref"].sudo()._coup_record_once(
            "ir.sequence", company.id, code, make)
        return sequence.sudo()

    # ------------------------------------------------------------------ chain

    def _coup_chain(self, values=None):
        """Number, stamp and seal the draft records, in order, after the last of their
        cooperative; ``values`` are written with the confirmation (e.g. a pending stock entry).

        Set-based: the cooperative's numbers are reserved at once on its locked sequence row
        (a concurrent confirmation waits, then is retried by Odoo's request layer), the records
        written, their content read in one query, and the seals, which follow each other,
        written back in one statement."""
        self.env.flush_all()
        key = self._coup_key()
        anchors = []
        for company in self.company_id:
            records = self.filtered(lambda r: r.company_id == company).sorted("id")
            sequence = self._coup_sequence(company)
            # the lock and the reservation in one statement, as late as the numbers allow
            self.env.cr.execute(SQL(
                "UPDATE ir_sequence SET number_next = number_next + %s WHERE id = %s "
                "RETURNING number_next - %s", len(records), sequence.id, len(records)))
            first = self.env.cr.fetchone()[0]
            sequence.invalidate_recordset(["number_next"])
            self.env.cr.execute(SQL(
                "SELECT coup_hash FROM %s WHERE company_id = %s AND state = 'confirmed' "
                "AND coup_hash IS NOT NULL ORDER BY sequence_number DESC LIMIT 1",
                SQL.identifier(self._table), company.id))
            row = self.env.cr.fetchone()
            previous = row[0] if row else indelible.GENESIS
            now = fields.Datetime.now()
            system = records._coup_system()
            for number, record in zip(range(first, first + len(records)), system):
                record.write(dict(values or {}, **{
                    "name": "%s%06d" % (self._coup_sequence_prefix, number),
                    "sequence_number": number, "state": "confirmed", "confirm_date": now,
                    "coup_verify_token": indelible.new_token()}))
            self.env.flush_all()
            contents = {row[0]: row[5] for row in self._coup_canonical_rows(company,
                                                                            ids=records.ids)}
            values_list = []
            for record in records:
                digest = key.seal(contents[record.id], previous)
                values_list.append((record.id, previous, digest))
                previous = digest
            bulk_write(records, ["coup_previous_hash", "coup_hash"], values_list)
            last = records[-1]
            anchors.append({"company": company.id, "model": self._name,
                            "number": first + len(records) - 1, "name": last.name,
                            "hash": previous, "at": now.isoformat()})
        self._coup_anchor_after_commit(anchors)

    @api.model
    def _coup_check_integrity(self, company, resume=None, deadline=None):
        """Recompute the seals of ``company``'s chain and hold its head against the anchor
        journal and the sequence.

        The chain is read in slices of ``_coup_check_slice`` records, in one snapshot of the
        database (Odoo's transactions are repeatable read): a chain of millions is checked
        with the memory of one slice. A check may also be spread over several transactions
        (the nightly cron, whose CPU time is limited): ``deadline`` says when to stop, after
        a whole slice, and the result's ``resume`` is where the next one goes on.

        :param resume: the ``resume`` of an earlier result: the check goes on after the
            record it stopped at if that record still has the seal it had then (otherwise,
            a chain rewritten or restored since, it starts again from the first record)
        :param deadline: a callable, true when the check must stop
        :return: dict with ``count`` (records checked), ``broken`` (the number of the first
            record whose content or link does not match, or False), ``reason`` (``gap``,
            ``link``, ``content``, ``tail``, ``resealed``, ``backup``, ``key``), ``head``
            (the last number), ``anchor`` (the journal's head for this chain, or None) and
            ``resume`` (where to go on, when the check stopped before the chain's end)
        """
        key = self._coup_key(create=False)
        result = {"count": 0, "broken": False, "reason": False, "head": 0, "anchor": None,
                  "key": key.fingerprint if key else None, "resume": None}
        # the head against the journal and the sequence: a deleted tail, a re-sealed past
        heads, __, complete = indelible.read_heads_kept(self._coup_anchor_path(), key,
                                                        deadline) if key else ({}, 0, True)
        if not complete:
            # a journal of millions of lines read for the first time: the rest next run
            result["resume"] = resume or {"count": 0, "previous": indelible.GENESIS,
                                          "anchored": None, "key": key.fingerprint}
            return result
        anchor = heads.get((company.id, self._name))
        result["anchor"] = anchor
        # the seal met at the journal's head: [number, seal]
        previous, count, anchored = indelible.GENESIS, 0, None
        if resume and key and resume.get("key") == key.fingerprint \
                and self._coup_seal_at(company, resume["count"]) == resume["previous"]:
            previous, count, anchored = resume["previous"], resume["count"], resume["anchored"]
            result["count"] = count
        while True:
            rows = self._coup_canonical_rows(company, after=count, limit=self._coup_check_slice)
            if rows and not key:
                result.update(broken=rows[0][1], reason="key")
                return result
            for __, name, number, stored, stored_previous, content in rows:
                count += 1
                result["count"] = count
                if number != count:
                    result.update(broken=name, reason="gap")
                    return result
                if stored_previous != previous:
                    result.update(broken=name, reason="link")
                    return result
                if key.seal(content, previous) != stored:
                    result.update(broken=name, reason="content")
                    return result
                previous = stored
                if anchor and number == anchor["number"]:
                    anchored = [number, stored]
            if len(rows) < self._coup_check_slice:
                break
            if deadline and deadline():
                result["resume"] = {"count": count, "previous": previous, "anchored": anchored,
                                    "key": key.fingerprint}
                return result
        result["head"] = count
        issued = self._coup_issued_count(company)
        anchored_seal = None
        if anchor and anchor["number"] <= count:
            # met in this run, or (a check spread over runs, the journal's head anchored
            # since) in an earlier one: then as the database holds it now
            anchored_seal = anchored[1] if anchored and anchored[0] == anchor["number"] \
                else self._coup_seal_at(company, anchor["number"])
        if anchored_seal is not None and anchored_seal != anchor["hash"]:
            result.update(broken=anchor["name"], reason="resealed")
        elif anchor and anchor["number"] > count \
                and not self._coup_anchored_after_snapshot(company, anchor):
            result.update(broken=anchor["name"],
                          reason="tail" if issued > count else "backup")
        elif issued > count:
            result.update(broken="%s%06d" % (self._coup_sequence_prefix, count + 1),
                          reason="tail")
        return result

    @api.model
    def _coup_seal_at(self, company, number):
        """The stored seal of ``company``'s confirmed record numbered ``number`` (None)."""
        self.env.cr.execute(SQL(
            "SELECT coup_hash FROM %s WHERE company_id = %s AND state = 'confirmed' "
            "AND sequence_number = %s", SQL.identifier(self._table), company.id, number))
        row = self.env.cr.fetchone()
        return row[0] if row else None

    @api.model
    def _coup_anchored_after_snapshot(self, company, anchor):
        """Whether the journal's head ``anchor``, beyond the chain this check reads, is a
        record confirmed since the check's snapshot began (a till's delivery during a long
        nightly check), not a deleted tail or a restored backup: the database, as committed
        now, holds it confirmed with the anchored seal. Its content is checked by the next
        check, whose snapshot holds it."""
        with self.env.registry.cursor() as cr:
            seal = self.with_env(self.env(cr=cr))._coup_seal_at(company, anchor["number"])
        return seal == anchor["hash"]

    @api.model
    def _coup_reseal(self, company):
        """Seal ``company``'s chain anew with this server's key, giving a verification code
        to the records that have none: for an upgrade from a version whose seals were plain
        SHA-256. The old head is written in the anchor journal beside the new one, so that
        the re-sealing itself stays on record. Only ever called by a migration script."""
        key = self._coup_key()
        rows = self._coup_canonical_rows(company)
        if not rows:
            return 0
        old_head = rows[-1]
        table = SQL.identifier(self._table)
        self.env.cr.execute(SQL("ALTER TABLE %s DISABLE TRIGGER coup_guard", table))
        self.env.cr.execute(SQL(
            "SELECT id FROM %s WHERE company_id = %s AND state = 'confirmed' "
            "AND coup_verify_token IS NULL", table, company.id))
        for (record_id,) in self.env.cr.fetchall():
            self.env.cr.execute(SQL("UPDATE %s SET coup_verify_token = %s WHERE id = %s",
                                    table, indelible.new_token(), record_id))
        previous = indelible.GENESIS
        for record_id, __, __, __, __, content in self._coup_canonical_rows(company):
            digest = key.seal(content, previous)
            self.env.cr.execute(SQL(
                "UPDATE %s SET coup_previous_hash = %s, coup_hash = %s WHERE id = %s",
                table, previous, digest, record_id))
            previous = digest
        self.env.cr.execute(SQL("ALTER TABLE %s ENABLE TRIGGER coup_guard", table))
        self.invalidate_model()
        now = fields.Datetime.now().isoformat()
        self._coup_anchor_after_commit([{
            "company": company.id, "model": self._name, "number": old_head[2],
            "name": old_head[1], "hash": previous, "at": now,
            "resealed_from": old_head[3]}])
        return len(rows)

    @api.model
    def _coup_issued_count(self, company):
        """How many numbers the cooperative's sequence has handed out."""
        self.env.cr.execute(SQL("SELECT number_next FROM ir_sequence WHERE code = %s LIMIT 1",
                                self._coup_sequence_code(company)))
        row = self.env.cr.fetchone()
        return (row[0] - 1) if row else 0

    def _coup_verify_record(self):
        """Whether this record, as the database holds it, still has its seal and is linked to
        the record before it: what the public page confirms."""
        self.ensure_one()
        record = self.sudo()
        key = self._coup_key(create=False)
        if record.state != "confirmed" or not key:
            return False
        rows = self._coup_canonical_rows(record.company_id, ids=record.ids)
        if not rows or key.seal(rows[0][5], rows[0][4]) != record.coup_hash:
            return False
        self.env.cr.execute(SQL(
            "SELECT coup_hash FROM %s WHERE company_id = %s AND state = 'confirmed' "
            "AND sequence_number = %s", SQL.identifier(self._table), record.company_id.id,
            record.sequence_number - 1))
        row = self.env.cr.fetchone()
        return (row[0] if row else indelible.GENESIS) == record.coup_previous_hash

    @api.model
    def _coup_find_by_token(self, token):
        """The confirmed record a receipt's verification code names, or nothing."""
        if not token or len(token) < 16:
            return self.browse()
        return self.sudo().search([("coup_verify_token", "=", token),
                                   ("state", "=", "confirmed")], limit=1)

    # ------------------------------------------------------------------ indelible (ORM)

    def _coup_refuse(self, record, fields_=None):
        if fields_:
            raise UserError(_("%(record)s: %(fields)s cannot be changed: the cooperative's "
                              "records are numbered, sealed and kept by Co-Up itself.",
                              record=record.display_name, fields=", ".join(sorted(fields_))))
        raise UserError(_("%(record)s is confirmed: it cannot be changed or deleted, by anybody. "
                          "Correct a mistake with a reversal.", record=record.display_name))

    def _coup_system_only(self):
        """Fields no caller sets, on drafts as on confirmed records."""
        return self._coup_system_fields | set(self._coup_set_once_columns)

    @api.model_create_multi
    def create(self, vals_list):
        if not self._coup_is_system():
            for vals in vals_list:
                forbidden = set(vals) & self._coup_system_only()
                if vals.get("name", "/") == "/":
                    forbidden.discard("name")
                if vals.get("state", "draft") == "draft":
                    forbidden.discard("state")
                if forbidden:
                    self._coup_refuse(self.browse(), forbidden)
        return super().create(vals_list)

    def write(self, vals):
        confirmed = self.filtered(lambda r: r.state == "confirmed")
        if not self._coup_is_system():
            forbidden = set(vals) & self._coup_system_only()
            if forbidden:
                self._coup_refuse(self[:1], forbidden)
            if confirmed and set(vals) - self._coup_open_fields:
                self._coup_refuse(confirmed[0])
            if "access_token" in vals and confirmed.filtered("access_token"):
                self._coup_refuse(confirmed[0], {"access_token"})
        elif confirmed:
            # even the suite's code only sets what comes after confirmation, once
            protected = set(self._coup_protected_field_names())
            changed = (set(vals) & protected) - set(self._coup_set_once_columns)
            if changed:
                self._coup_refuse(confirmed[0])
            for name in set(vals) & set(self._coup_set_once_columns):
                if confirmed.filtered(name):
                    self._coup_refuse(confirmed[0], {name})
        return super().write(vals)

    def unlink(self):
        confirmed = self.filtered(lambda r: r.state == "confirmed")
        if confirmed:
            self._coup_refuse(confirmed[0])
        return super().unlink()

    # ------------------------------------------------------------------ indelible (database)

    def _coup_protected_field_names(self):
        return list(dict.fromkeys(
            ["name", "sequence_number", "confirm_date", "coup_hash", "coup_previous_hash",
             "coup_verify_token"] + list(self._coup_protected_columns)))

    def _coup_guard_sql_extra(self):
        """More conditions (SQL on ``OLD``/``NEW``) under which an UPDATE of a confirmed row
        is refused."""
        return []

    def init(self):
        super().init()
        if self._abstract:
            return
        self._coup_install_guard()

    def _coup_install_guard(self):
        """A trigger that refuses, in the database, any change of a confirmed row's protected
        columns, a set-once column set again, a confirmed row back to draft, and its
        deletion: the ORM's refusal, held even against a bug in Python."""
        table = self._table
        # the seals are written right after the numbers, by the confirmation itself
        once = ["coup_hash", "coup_previous_hash"] + list(self._coup_set_once_columns)
        protected = [c for c in self._coup_protected_field_names() if c in self._fields
                     and c not in once and self._fields[c].store
                     and self._fields[c].column_type]
        changed = [SQL("NEW.%s IS DISTINCT FROM OLD.%s", SQL.identifier(c), SQL.identifier(c))
                   for c in protected]
        changed += [SQL("(OLD.%s IS NOT NULL AND NEW.%s IS DISTINCT FROM OLD.%s)",
                        SQL.identifier(c), SQL.identifier(c), SQL.identifier(c)) for c in once]
        changed += [SQL("NEW.state IS DISTINCT FROM 'confirmed'")] + [
            SQL(condition) for condition in self._coup_guard_sql_extra()]
        self.env.cr.execute(SQL("""
            CREATE OR REPLACE FUNCTION %(function)s() RETURNS trigger AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    IF OLD.state = 'confirmed' THEN
                        RAISE EXCEPTION %(deleted)s, OLD.name
                            USING ERRCODE = 'restrict_violation';
                    END IF;
                    RETURN OLD;
                END IF;
                IF OLD.state = 'confirmed' AND (%(changed)s) THEN
                    RAISE EXCEPTION %(changed_msg)s, OLD.name
                        USING ERRCODE = 'restrict_violation';
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS coup_guard ON %(table)s;
            CREATE TRIGGER coup_guard BEFORE UPDATE OR DELETE ON %(table)s
                FOR EACH ROW EXECUTE FUNCTION %(function)s();
            CREATE UNIQUE INDEX IF NOT EXISTS %(index)s
                ON %(table)s (company_id, sequence_number) WHERE state = 'confirmed';
        """,
            deleted='Co-Up: % is confirmed: it cannot be deleted',
            changed_msg='Co-Up: % is confirmed: it cannot be changed',
            function=SQL.identifier("coup_guard_%s" % table), table=SQL.identifier(table),
            index=SQL.identifier("%s_coup_number_uniq" % table),
            changed=SQL(" OR ").join(changed)))

    # ------------------------------------------------------------------ access

    def _coup_check_staff(self, company):
        """Only a cooperative's own staff (or the federation over it) run its checks."""
        if self.env.su:
            return
        if not self.env.user.has_group("coup_member_registry.group_coup_user") or \
                company not in self.env.user.company_ids._coup_with_member_companies():
            raise AccessError(_("Only the staff of %(coop)s can check its records.",
                                coop=company.name))
