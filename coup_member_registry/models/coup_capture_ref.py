from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import person_match


class CoupCaptureRef(models.Model):
    """The one offline protocol of the suite, on the server side: each record a device captured
    offline (a till's ticket, a collection point's delivery, a field agent's registration)
    carries the device's client reference, and is made once, whoever sends it and however
    often.

    A claim is an ``INSERT … ON CONFLICT DO NOTHING`` on the unique (cooperative, model,
    reference). Two sendings at once cannot both win: the second waits for the first's
    transaction and then, under Odoo's repeatable-read transactions, gets a serialization
    failure, which Odoo's request layer retries; the retry sees the record the first made and
    returns it. A resend therefore always gets the record already made, never an error.

    A parallel model rather than a column of each captured model: the lock has to be taken
    before the record exists, in one table that every capturing module shares."""

    _name = "coup.capture.ref"
    _description = "Offline Capture Reference"
    _log_access = False

    company_id = fields.Many2one("res.company", required=True, ondelete="cascade", index=True)
    model = fields.Char(required=True)
    client_ref = fields.Char(string="Client Reference", required=True)
    res_id = fields.Many2oneReference(string="Record", model_field="model")
    create_date = fields.Datetime(readonly=True, default=fields.Datetime.now)

    _sql_constraints = [
        ("client_ref_uniq", "unique(company_id, model, client_ref)",
         "This capture was already received (same client reference)."),
    ]

    @api.model
    def _coup_claim(self, model, company_id, client_ref):
        """Claim ``client_ref`` of ``model`` in the cooperative ``company_id``.

        :return: the record already made for this reference (a recordset of ``model``, maybe
            empty when it was claimed but its record is gone), and the claim when this call
            owns it (``False`` otherwise): the caller makes the record and calls
            :meth:`_coup_bind`.
        """
        self.env.cr.execute(SQL("""
            INSERT INTO coup_capture_ref (company_id, model, client_ref, create_date)
            VALUES (%s, %s, %s, now() AT TIME ZONE 'UTC')
            ON CONFLICT (company_id, model, client_ref) DO NOTHING
            RETURNING id
        """, company_id, model, client_ref))
        row = self.env.cr.fetchone()
        if row:
            return self.env[model].browse(), self.browse(row[0])
        self.env.cr.execute(SQL("""
            SELECT id, res_id FROM coup_capture_ref
             WHERE company_id = %s AND model = %s AND client_ref = %s
        """, company_id, model, client_ref))
        claim_id, res_id = self.env.cr.fetchone()
        record = self.env[model].browse(res_id or []).exists()
        if not record:
            # claimed earlier, but its record is gone (a draft deleted): this call makes it
            return record, self.browse(claim_id)
        return record, False

    @api.model
    def _coup_claim_many(self, model, company_id, client_refs):
        """:meth:`_coup_claim` for a device's whole batch in two statements: the references
        are claimed in their sorted order, so that two batches sharing references wait for
        each other instead of deadlocking.

        :return: ``{client_ref: (record, claim)}`` as :meth:`_coup_claim` returns them
        """
        refs = sorted(set(client_refs))
        if not refs:
            return {}
        self.env.cr.execute(SQL("""
            INSERT INTO coup_capture_ref (company_id, model, client_ref, create_date)
            SELECT %s, %s, ref, now() AT TIME ZONE 'UTC' FROM unnest(%s::varchar[]) AS ref
            ON CONFLICT (company_id, model, client_ref) DO NOTHING
            RETURNING id, client_ref
        """, company_id, model, refs))
        claims = {ref: claim_id for claim_id, ref in self.env.cr.fetchall()}
        result = {ref: (self.env[model].browse(), self.browse(claim_id))
                  for ref, claim_id in claims.items()}
        taken = [ref for ref in refs if ref not in claims]
        if taken:
            self.env.cr.execute(SQL("""
                SELECT id, client_ref, res_id FROM coup_capture_ref
                 WHERE company_id = %s AND model = %s AND client_ref = ANY(%s::varchar[])
            """, company_id, model, taken))
            rows = self.env.cr.fetchall()
            # records of one recordset: reading one reads all (one query, not one each)
            existing = {record.id: record for record in self.env[model].browse(
                [res_id for __, __, res_id in rows if res_id]).exists()}
            for claim_id, ref, res_id in rows:
                if res_id in existing:
                    result[ref] = (existing[res_id], False)
                else:  # claimed earlier, its record gone: this call makes it
                    result[ref] = (self.env[model].browse(), self.browse(claim_id))
        return result

    def _coup_bind_many(self, records):
        """The records these claims made, in the claims' order, in one statement."""
        if not self:
            return
        self.env.cr.execute(SQL("""
            UPDATE coup_capture_ref AS claim SET res_id = made.res_id
              FROM unnest(%s::int[], %s::int[]) AS made(id, res_id)
             WHERE claim.id = made.id
        """, self.ids, records.ids))
        self.invalidate_recordset(["res_id"])

    def _coup_bind(self, record):
        """The record this claim made."""
        self.ensure_one()
        self.env.cr.execute(SQL("UPDATE coup_capture_ref SET res_id = %s WHERE id = %s",
                                record.id, self.id))
        self.invalidate_recordset(["res_id"])

    @api.model
    def _coup_record_once(self, model, company_id, client_ref, make):
        """``make()`` once per client reference; the record already made otherwise.

        :return: ``(record, made)``
        """
        if not client_ref:
            return make(), True
        record, claim = self.sudo()._coup_claim(model, company_id, client_ref)
        if not claim:
            return self.env[model].browse(record.ids), False
        record = make()
        claim._coup_bind(record)
        return record, True

    @api.model
    def _coup_lock_person(self, company, name, national_id=False):
        """Two devices registering one person at once (two collection tills, two field agents)
        must make one member: the person match is taken under a row lock on the person's keys
        (the person matcher's name key, and the national ID), kept among the claims. The
        upsert always writes the row: the second registration waits for the first's
        transaction, then gets a serialization failure (repeatable read), and Odoo retries it
        with a fresh view of the database, where it finds the person the first made."""
        nid = person_match.nid_key(national_id)
        keys = sorted({"person-name:%s" % person_match.name_key(str(name or ""))}
                      | ({"person-nid:%s" % nid} if nid else set()))
        for key in keys:
            self.env.cr.execute(SQL("""
                INSERT INTO coup_capture_ref (company_id, model, client_ref, create_date)
                VALUES (%(company)s, 'res.partner', %(key)s, now() AT TIME ZONE 'UTC')
                ON CONFLICT (company_id, model, client_ref)
                DO UPDATE SET create_date = EXCLUDED.create_date
            """, company=company.id, key=key))
