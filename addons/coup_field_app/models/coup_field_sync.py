import base64
import binascii
import io
import json

import psycopg2
from PIL import Image

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools.image import image_process

from odoo.addons.coup_fieldbook.models.coup_parcel import geometry_message
from odoo.addons.coup_fieldbook.models.coup_parcel_operation import KINDS as OPERATION_KINDS
from odoo.addons.coup_fieldbook.tools import eudr

from .coup_field_capture import KINDS as CAPTURE_KINDS

AGENT_GROUP = "coup_member_registry.group_coup_user"
MAX_ACCURACY_M = 10
PHOTO_MAX_PX = 1280
PHOTO_MAX_BYTES = 8 * 1024 * 1024
TILES_BUDGET_MB = 50.0
# the member fields a registration in the field may give: those of the register import
MEMBER_KEYS = ("member_number", "last_name", "first_name", "name", "gender", "birth_date",
               "phone", "village", "membership_type", "principal_number", "relation",
               "national_id", "join_date", "email")
CURRENT_STATES = ("candidate", "active", "suspended")
# records made from the field: one chatter line saying so, not Odoo's creation notes
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_create_nosubscribe": True}


class CoupFieldSync(models.AbstractModel):
    """The server side of the field app: what a phone takes before leaving the network
    (``prepare``) and what it brings back (``sync``).

    Everything the phone sends goes through the office's own rules: the register import's
    validation and person matcher for members, the field book's geometry checks for parcels,
    the activities' answers for invitations. The agent works as themselves: what they may read
    (their cooperative, their villages) is searched with their rights, and only then written
    with the server's. A portal member reaches their own parcels and nothing else.
    """

    _name = "coup.field.sync"
    _description = "Field App Sync"

    # ------------------------------------------------------------------ who is asking

    @api.model
    def _coup_field_is_agent(self):
        return self.env.user.has_group(AGENT_GROUP)

    @api.model
    def _coup_field_own_memberships(self):
        """A portal member's current memberships (their own, whatever ids they send)."""
        return self.env["coup.membership"].sudo().search([
            ("partner_id", "=", self.env.user.partner_id.id),
            ("state", "in", CURRENT_STATES)])

    @api.model
    def _coup_field_company(self):
        """The cooperative the captures go to: the agent's current company (Odoo checks the
        companies a request asks for against the user's), or a member's cooperative."""
        if self._coup_field_is_agent():
            return self.env.company
        memberships = self._coup_field_own_memberships()
        if not memberships:
            raise AccessError(_("The field app is for the cooperative's field agents and its "
                                "members."))
        return memberships.company_id.filtered(
            lambda c: c == self.env.company)[:1] or memberships[:1].company_id

    @api.model
    def _coup_field_villages_domain(self):
        """The agent's own villages (``res.users.coup_field_villages``) on memberships."""
        keys = self.env.user._coup_field_village_keys()
        if keys is None:
            return []
        return ["|"] * (len(keys) - 1) + [("partner_id.village", "=ilike", v) for v in keys]

    @api.model
    def _coup_field_member_domain(self, company):
        """Memberships this user may prepare and capture for."""
        if self._coup_field_is_agent():
            return [("company_id", "=", company.id)] + self._coup_field_villages_domain()
        return [("id", "in", self._coup_field_own_memberships().filtered(
            lambda m: m.company_id == company).ids)]

    @api.model
    def _coup_field_membership(self, member_id, company):
        """The member a capture names, if this user may capture for them; else an error that
        says nothing of members out of reach."""
        if not isinstance(member_id, int) or isinstance(member_id, bool):
            raise UserError(_("The capture names no member."))
        membership = self.env["coup.membership"].sudo().search(
            [("id", "=", member_id)] + self._coup_field_member_domain(company))
        if not membership:
            raise UserError(_("Member %(id)s is not one of yours: nothing was recorded.",
                              id=member_id))
        return membership

    @api.model
    def _coup_field_parcel(self, parcel_id, company):
        """The parcel a capture names, if its member is one this user may capture for."""
        if not isinstance(parcel_id, int) or isinstance(parcel_id, bool):
            raise UserError(_("The capture names no parcel."))
        members = self._coup_field_member_domain(company)
        parcel = self.env["coup.parcel"].sudo().search([
            ("id", "=", parcel_id), ("company_id", "=", company.id),
            ("membership_id", "any", members)])
        if not parcel and not self._coup_field_is_agent():
            # the parcels a member works without holding them
            parcel = self.env["coup.parcel"].sudo().search([
                ("id", "=", parcel_id), ("company_id", "=", company.id),
                ("worker_ids", "in", self.env.user.partner_id.ids)])
        if not parcel:
            raise UserError(_("Parcel %(id)s is not one of yours: nothing was recorded.",
                              id=parcel_id))
        return parcel

    @api.model
    def _coup_field_captured(self, client_ref, company, model):
        """The record made by another capture (``member_uuid``, ``parcel_uuid``), e.g. of the
        same batch, already processed."""
        self.env.cr.execute(SQL("""
            SELECT c.res_model, c.res_id FROM coup_capture_ref r
              JOIN coup_field_capture c ON c.id = r.res_id
             WHERE r.company_id = %s AND r.model = 'coup.field.capture' AND r.client_ref = %s
        """, company.id, str(client_ref)))
        row = self.env.cr.fetchone()
        if not row or row[0] != model or not row[1]:
            raise UserError(_("The capture %(uuid)s it refers to was not accepted: send it "
                              "first.", uuid=client_ref))
        return row[1]

    # ------------------------------------------------------------------ session, prepare

    @api.model
    def _coup_field_session(self):
        company = self._coup_field_company()
        user = self.env.user
        agent = self._coup_field_is_agent()
        members = self.env["coup.membership"].sudo().search(
            self._coup_field_member_domain(company))
        villages = sorted({v for v in members.partner_id.mapped("village") if v})
        segments = self.env["coup.member.segment"].search(
            [("company_id", "=", company.id)]) if agent else self.env["coup.member.segment"]
        partner = company.partner_id.sudo()
        centre = [partner.partner_longitude, partner.partner_latitude] \
            if partner.partner_latitude or partner.partner_longitude else None
        return {
            "user": {"id": user.id, "name": user.name, "is_agent": agent,
                     "partner_id": user.partner_id.id, "lang": user.lang or "en_US"},
            "company": {"id": company.id, "name": company.name,
                        "currency": company.currency_id.name, "map_center": centre},
            "villages": villages,
            "segments": [{"id": s.id, "name": s.name} for s in segments],
            "limits": {"max_accuracy_m": MAX_ACCURACY_M, "point_max_ha": eudr.POINT_MAX_HA,
                       "photo_max_px": PHOTO_MAX_PX,
                       "tiles_budget_mb": self._coup_field_tiles_budget_mb()},
        }

    @api.model
    def _coup_field_tiles_budget_mb(self):
        """The storage a phone gives the basemap's tiles of a prepared area (system parameter
        ``coup_field_app.tiles_budget_mb``, 50 MB unless set: a cheap phone's share)."""
        value = self.env["ir.config_parameter"].sudo().get_param(
            "coup_field_app.tiles_budget_mb", TILES_BUDGET_MB)
        try:
            return max(0.0, float(value))
        except (TypeError, ValueError):
            return TILES_BUDGET_MB

    @api.model
    def _coup_field_prepare(self, villages=None, segment_ids=None):
        """What the phone keeps of the chosen villages and segments (a member: their own)."""
        company = self._coup_field_company()
        domain = self._coup_field_member_domain(company) + [("state", "in", CURRENT_STATES)]
        if self._coup_field_is_agent():
            names = [v.strip() for v in villages or [] if isinstance(v, str) and v.strip()]
            chosen = []
            if names:
                # the villages' people first: a plain list of ids, which PostgreSQL plans well
                # even before its statistics know of a register just imported (3 s otherwise
                # for a village of 2,000)
                people = self.env["res.partner"].sudo().with_context(active_test=False).search(
                    expression.OR([[("village", "=ilike", name)] for name in names]))
                chosen.append([("partner_id", "in", people.ids)])
            segments = self.env["coup.member.segment"].search([
                ("id", "in", [s for s in segment_ids or [] if isinstance(s, int)]),
                ("company_id", "=", company.id)])
            chosen += [segment._get_membership_domain() for segment in segments]
            domain = expression.AND([domain, expression.OR(chosen) if chosen
                                     else expression.FALSE_DOMAIN])
        memberships = self.env["coup.membership"].sudo().search(domain)
        members = self._coup_field_members_data(memberships)
        parcels = self._coup_field_parcels_data(memberships)
        crops = self.env["product.template"].sudo().search_read(
            [("coup_is_crop", "=", True)], ["name"], order="name")
        labels = dict(self.env["coup.parcel.operation"]._fields["kind"]._description_selection(
            self.env))
        basemap = bool(company.sudo().coup_basemap_file)
        result = {
            "prepared_at": fields.Datetime.to_string(fields.Datetime.now()),
            "members": members,
            "parcels": parcels,
            "activities": self._coup_field_activities_data(memberships, company),
            "crops": [{"id": c["id"], "name": c["name"]} for c in crops],
            "operation_kinds": [{"key": key, "label": labels.get(key, key)}
                                for key, __ in OPERATION_KINDS],
            "basemap": {
                "url_template": "/coup_fieldbook/basemap/%s/{z}/{x}/{y}" % company.id
                if basemap else None,
                "bounds": self._coup_field_bounds(parcels)},
        }
        result["size_bytes"] = len(json.dumps(result, separators=(",", ":")).encode())
        return result

    @api.model
    def _coup_field_bounds(self, parcels):
        """[min lon, min lat, max lon, max lat] of the prepared parcels: the area whose tiles
        the phone keeps."""
        boxes = [p["bbox"] for p in parcels if p.get("bbox")]
        for parcel in parcels:
            parcel.pop("bbox", None)
        if not boxes:
            return None
        return [min(b[0] for b in boxes), min(b[1] for b in boxes),
                max(b[2] for b in boxes), max(b[3] for b in boxes)]

    @api.model
    def _coup_field_members_data(self, memberships):
        if not memberships:
            return []
        self.env.flush_all()
        self.env.cr.execute(SQL("""
            SELECT m.id, m.partner_id, p.name, m.member_number, p.village,
                   COALESCE(h.member_number, m.member_number), p.phone
              FROM coup_membership m
              JOIN res_partner p ON p.id = m.partner_id
              LEFT JOIN coup_membership h ON h.id = m.principal_membership_id
             WHERE m.id = ANY(%s)
             ORDER BY p.name, m.id
        """, memberships.ids))
        rows = self.env.cr.fetchall()
        thumbs = self._coup_field_thumbs([row[1] for row in rows])
        return [{"id": mid, "partner_id": pid, "name": name, "number": number,
                 "village": village or "", "household": household, "card": number,
                 "phone": phone or "", "photo_thumb": thumbs.get(pid)}
                for mid, pid, name, number, village, household, phone in rows]

    @api.model
    def _coup_field_thumbs(self, partner_ids):
        """{partner id: small JPEG in base64} of the members who have a photo."""
        attachments = self.env["ir.attachment"].sudo().search([
            ("res_model", "=", "res.partner"), ("res_field", "=", "image_128"),
            ("res_id", "in", partner_ids)])
        thumbs = {}
        for attachment in attachments:
            raw = attachment.raw
            if raw:
                try:
                    raw = image_process(raw, size=(96, 96), output_format="JPEG", quality=70)
                except (UserError, ValueError, OSError):
                    continue
                thumbs[attachment.res_id] = base64.b64encode(raw).decode()
        return thumbs

    @api.model
    def _coup_field_parcels_data(self, memberships):
        if not memberships:
            return []
        self.env.cr.execute(SQL("""
            SELECT id, code, membership_id, name, area_ha, geometry, write_date,
                   min_lon, min_lat, max_lon, max_lat
              FROM coup_parcel
             WHERE membership_id = ANY(%s) AND active
             ORDER BY code, id
        """, memberships.ids))
        return [{"id": pid, "code": code or "", "member_id": member_id, "name": name,
                 "area_ha": round(area or 0.0, 4),
                 "geometry": json.loads(geometry) if geometry else None,
                 "write_date": fields.Datetime.to_string(write_date),
                 "bbox": [x0, y0, x1, y1] if geometry else None}
                for (pid, code, member_id, name, area, geometry, write_date, x0, y0, x1,
                     y1) in self.env.cr.fetchall()]

    @api.model
    def _coup_field_activities_data(self, memberships, company):
        """Open activities and their invitees among ``memberships``: none here; the bridge
        with the activities (``coup_field_app_activities``) extends it with super()."""
        return []

    # ------------------------------------------------------------------ sync

    @api.model
    def _coup_field_sync(self, batch, captures):
        """Each capture in its own savepoint, claimed once by its UUID: a refused one leaves
        nothing behind and does not stop the others; a resent one returns what it made."""
        if not isinstance(captures, list):
            raise UserError(_("The batch holds no list of captures."))
        company = self._coup_field_company()
        return {"results": [self._coup_field_sync_one(batch, capture, company)
                            for capture in captures]}

    @api.model
    def _coup_field_sync_one(self, batch, capture, company):
        Capture = self.env["coup.field.capture"].sudo()
        capture = capture if isinstance(capture, dict) else {}
        uuid = str(capture.get("uuid") or "").strip()[:64]
        kind = capture.get("kind")
        payload = capture.get("payload") if isinstance(capture.get("payload"), dict) else {}
        log = {"uuid": uuid or "?", "batch": str(batch or "")[:64],
               "kind": kind if kind in dict(CAPTURE_KINDS) else False,
               "user_id": self.env.uid, "company_id": company.id}
        try:
            if not uuid:
                raise UserError(_("The capture has no UUID."))
            if kind not in dict(CAPTURE_KINDS):
                raise UserError(_("“%(kind)s” is not a kind of capture.", kind=kind))
            with self.env.cr.savepoint():
                done, claim = self.env["coup.capture.ref"].sudo()._coup_claim(
                    "coup.field.capture", company.id, uuid)
                if not claim:
                    # what the first sending made, so that the phone counts it as it was
                    result = {"uuid": uuid, "status": "already", "state": done.state}
                    if done.res_model and done.res_id:
                        result.update(res_model=done.res_model, res_id=done.res_id)
                    if done.state == "proposal":
                        result["reason"] = _("Waiting for the office's review.")
                    return result
                outcome = getattr(self, "_coup_field_apply_%s" % kind)(
                    payload, company, capture.get("base_write_date"))
                record = outcome.pop("record", None)
                if record:
                    outcome.update(res_model=record._name, res_id=record.id)
                made = Capture.create(dict(log, **outcome))
                claim._coup_bind(made)
        except (UserError, ValidationError, AccessError, MissingError,
                psycopg2.IntegrityError) as error:
            reason = error.args[0] if error.args else str(error)
            if isinstance(error, psycopg2.IntegrityError):
                reason = _("The database refused it: %(error)s",
                           error=str(error.pgerror or error).strip().splitlines()[0])
            if log["kind"]:
                Capture.create(dict(log, state="refused", reason=reason))
            return {"uuid": uuid, "status": "refused", "reason": reason}
        result = {"uuid": uuid, "status": "proposal" if made.state == "proposal" else "accepted"}
        if made.res_model:
            result.update(res_model=made.res_model, res_id=made.res_id)
        if made.reason:
            result["reason"] = made.reason
        return result

    # ------------------------------------------------------------------ members

    @api.model
    def _coup_field_apply_member(self, payload, company, base_write_date=None):
        """A member registered in the field, as one row of the register import: the same
        parsing, warnings and person matcher. A person already a member here is not made
        twice: the capture points at them and says so."""
        if not self._coup_field_is_agent():
            raise AccessError(_("Only the cooperative's field agents register members."))
        values = dict(payload)
        if values.get("household") and not values.get("principal_number"):
            values["principal_number"] = values["household"]
        keys = [key for key in MEMBER_KEYS if values.get(key) not in (None, False, "")]
        village = " ".join(str(values.get("village") or "").split()).lower()
        allowed = self.env.user._coup_field_village_keys()
        if allowed is not None and village not in allowed:
            raise UserError(_("%(village)s is not one of your villages: register the member "
                              "in the office or ask for the village.",
                              village=values.get("village") or _("No village")))
        positions = {key: index for index, key in enumerate(keys)}
        row = [values[key] for key in keys]
        if not {"name", "first_name", "last_name"} & positions.keys():
            positions["name"], row = len(row), row + [None]
        Import = self.env["coup.member.import"].sudo().with_company(company).new(
            {"company_id": company.id, "header_row": 0})
        name = values.get("name") or " ".join(
            filter(None, [values.get("first_name"), values.get("last_name")]))
        self.env["coup.capture.ref"].sudo()._coup_lock_person(
            company, name, values.get("national_id"))
        parsed = Import._parse_rows([row], positions)
        numbers = Import._check_rows(parsed, positions, narrow=True)
        line = parsed[0]
        if line["errors"]:
            raise UserError("\n".join(self._coup_field_problems(Import, line, "errors")))
        warnings = self._coup_field_problems(Import, line, "warnings")
        if line["membership_id"]:
            membership = self.env["coup.membership"].sudo().browse(line["membership_id"])
            return {"state": "accepted", "record": membership, "reason": "\n".join([_(
                "Already a member of %(coop)s as %(number)s (%(name)s): linked to this "
                "member, nobody new was registered.", coop=company.name,
                number=membership.member_number, name=membership.partner_id.name)] + warnings)}
        known = line["partner_id"]
        partners = Import._import_partners([line])
        Import._import_memberships([line], partners, numbers)
        membership = self.env["coup.membership"].sudo().browse(line["membership_id"])
        membership._message_log(body=_("Registered in the field by %(agent)s.",
                                        agent=self.env.user.name))
        if known:
            warnings.insert(0, _("%(name)s was already in the database (another cooperative "
                                 "or a contact): the same person is now a member here.",
                                 name=membership.partner_id.name))
        return {"state": "accepted", "record": membership, "reason": "\n".join(warnings)}

    @api.model
    def _coup_field_problems(self, Import, line, kind):
        """The import's problems of one row as sentences, naming the field and the value."""
        return [_("%(field)s “%(value)s”: %(message)s", field=column, value=value or "",
                  message=message)
                for __, column, value, message in Import._problem_lines(line, line[kind])]

    @api.model
    # ------------------------------------------------------------------ parcels

    @api.model
    def _coup_field_apply_parcel(self, payload, company, base_write_date=None):
        """A parcel walked or pointed in the field: new, or a new shape of a parcel. The
        field book's checks decide (validity, geodesic area, country, overlaps); a point
        only for a plot of 4 ha or less; a parcel the office changed since the phone took
        it becomes a proposal."""
        Parcel = self.env["coup.parcel"].sudo().with_company(company)
        geometry = payload.get("geometry")
        if isinstance(geometry, dict):
            geometry = json.dumps(geometry)
        if not geometry:
            raise UserError(_("The parcel has no shape: walk it or take its point."))
        parcel = self.env["coup.parcel"]
        if payload.get("parcel_id"):
            parcel = self._coup_field_parcel(payload["parcel_id"], company)
            membership = parcel.membership_id
        elif payload.get("member_uuid"):
            membership = self._coup_field_membership(self._coup_field_captured(
                payload["member_uuid"], company, "coup.membership"), company)
        else:
            membership = self._coup_field_membership(payload.get("member_id"), company)
        name = str(payload.get("name") or "").strip() or parcel.name or _(
            "Parcel of %(member)s", member=membership.partner_id.name)
        measured, __ = Parcel._coup_measure(geometry, company, name)
        vals = self._coup_field_parcel_vals(payload, parcel, measured, name)
        same = Parcel.search([("company_id", "=", company.id),
                              ("geometry_fingerprint", "=", measured["geometry_fingerprint"]),
                              ("id", "!=", parcel.id)], limit=1)
        if same and same.membership_id != membership:
            raise UserError(_(
                "The same shape is already parcel “%(parcel)s” (%(code)s) of member "
                "%(number)s: one plot cannot be held twice.", parcel=same.name,
                code=same.code or "-", number=same.member_number))
        if same and not parcel:
            return {"state": "accepted", "record": same, "reason": _(
                "Already in the field book as “%(parcel)s” (%(code)s): nothing created.",
                parcel=same.name, code=same.code or "-")}
        dropped = payload.get("accuracy_dropped")
        note = _("%(count)s positions dropped for a poor accuracy.", count=dropped) \
            if isinstance(dropped, int) and dropped > 0 else ""
        if parcel:
            base = self._coup_field_datetime(base_write_date)
            if not base or parcel.write_date.replace(microsecond=0) > base:
                crop_vals = {k: v for k, v in vals.items() if k != "geometry"}
                return {"state": "proposal", "parcel_id": parcel.id, "record": parcel,
                        "base_write_date": base, "proposal_geometry": vals["geometry"],
                        "proposal_vals": json.dumps(crop_vals),
                        "reason": _("The office changed “%(parcel)s” since your phone took it: "
                                    "your shape is a proposal the office will review.",
                                    parcel=parcel.name)}
            parcel.write(vals)
        else:
            parcel = Parcel.with_context(**QUIET).create(dict(
                vals, membership_id=membership.id, company_id=company.id))
        parcel._message_log(body=" ".join(filter(None, [_(
            "Shape captured in the field by %(agent)s.", agent=self.env.user.name), note])))
        return {"state": "accepted", "record": parcel, "parcel_id": parcel.id,
                "reason": "\n".join(filter(None, [parcel.overlap_note, parcel.eudr_issues,
                                                   note]))}

    @api.model
    def _coup_field_parcel_vals(self, payload, parcel, measured, name):
        """The parcel's values from a capture: its shape, name, declared area and crop; a
        point only for a declared area of 4 ha or less (the EUDR's rule)."""
        declared = payload.get("declared_area_ha") or parcel.declared_area_ha or 0.0
        try:
            declared = float(declared)
        except (TypeError, ValueError):
            raise UserError(_("“%(value)s” is not an area in hectares.", value=declared)) \
                from None
        if measured["geometry_type"] in ("Point", "MultiPoint"):
            if not declared:
                raise UserError(geometry_message(self.env, ("point_no_area", {})))
            if declared > eudr.POINT_MAX_HA:
                raise UserError(geometry_message(self.env, ("point_over_limit", {
                    "area": declared, "limit": eudr.POINT_MAX_HA})))
        vals = {"geometry": measured["geometry"], "name": name}
        if declared:
            vals["declared_area_ha"] = declared
        crop = payload.get("crop_id")
        if crop:
            crop = self.env["product.template"].sudo().search(
                [("id", "=", crop if isinstance(crop, int) else 0), ("coup_is_crop", "=", True)])
            if not crop:
                raise UserError(_("Crop %(crop)s is not a crop of the field book.",
                                  crop=payload.get("crop_id")))
            vals["crop_ids"] = [fields.Command.link(crop.id)]
        return vals

    @api.model
    def _coup_field_datetime(self, value):
        if not value or not isinstance(value, str):
            return False
        try:
            return fields.Datetime.to_datetime(value.replace("T", " ")[:19])
        except ValueError:
            return False

    # ------------------------------------------------------------------ operations

    @api.model
    def _coup_field_apply_operation(self, payload, company, base_write_date=None):
        """An operation or a harvest on a parcel, with its photos (resized on the phone;
        kept within the app's limit here too)."""
        if payload.get("parcel_uuid"):
            parcel = self._coup_field_parcel(self._coup_field_captured(
                payload["parcel_uuid"], company, "coup.parcel"), company)
        else:
            parcel = self._coup_field_parcel(payload.get("parcel_id"), company)
        kind = payload.get("kind")
        if kind not in dict(OPERATION_KINDS):
            raise UserError(_("“%(kind)s” is not a kind of field operation.", kind=kind))
        try:
            day = fields.Date.to_date(payload.get("date")) or fields.Date.context_today(self)
            quantity = float(payload.get("quantity") or 0.0)
        except (TypeError, ValueError):
            raise UserError(_("The operation's date or quantity cannot be read.")) from None
        vals = {"parcel_id": parcel.id, "kind": kind, "state": "done", "date": day,
                "quantity": quantity, "notes": payload.get("note") or False,
                "done_by_id": self.env.user.partner_id.id}
        uom = payload.get("uom")
        if uom:
            unit = self.env["uom.uom"].sudo().search(
                [("id", "=", uom)] if isinstance(uom, int) else [("name", "=ilike", uom)],
                limit=1)
            if not unit:
                raise UserError(_("“%(unit)s” is not a unit.", unit=uom))
            vals["uom_id"] = unit.id
        operation = self.env["coup.parcel.operation"].sudo().with_company(company).with_context(
            **QUIET).create(vals)
        photos = payload.get("photos") or []
        if not isinstance(photos, list):
            raise UserError(_("The photos are not a list."))
        attachments = self.env["ir.attachment"].sudo().create([{
            "name": "%s-%s.jpg" % (operation.name, index + 1),
            "raw": self._coup_field_photo(photo, index), "res_model": operation._name,
            "res_id": operation.id} for index, photo in enumerate(photos)])
        if attachments:
            operation.attachment_ids = [fields.Command.set(attachments.ids)]
        return {"state": "accepted", "record": operation, "parcel_id": parcel.id}

    @api.model
    def _coup_field_photo(self, photo, index):
        """A photo as JPEG bytes, no larger than the app's limit."""
        if isinstance(photo, str) and photo.startswith("data:"):
            photo = photo.partition(",")[2]
        try:
            raw = base64.b64decode(photo or "", validate=True)
        except (binascii.Error, TypeError, ValueError):
            raw = b""
        if not raw or len(raw) > PHOTO_MAX_BYTES:
            raise UserError(_("Photo %(index)s is not a photo the app can send.",
                              index=index + 1))
        try:
            image = Image.open(io.BytesIO(raw))
            if image.format == "JPEG" and max(image.size) <= PHOTO_MAX_PX:
                return raw  # resized on the phone, as the app does: kept as taken
            return image_process(raw, size=(PHOTO_MAX_PX, PHOTO_MAX_PX), output_format="JPEG")
        except (UserError, ValueError, OSError):
            raise UserError(_("Photo %(index)s is not an image.", index=index + 1)) from None

    # ------------------------------------------------------------------ activities

    @api.model
    def _coup_field_apply_attendance(self, payload, company, base_write_date=None):
        """Extended by the bridge with the activities; refused without it."""
        raise UserError(_("Attendance needs the cooperative's activities (Co-Up Activities)."))

    @api.model
    def _coup_field_apply_answer(self, payload, company, base_write_date=None):
        """Extended by the bridge with the activities; refused without it."""
        raise UserError(_("Answers to invitations need the cooperative's activities "
                          "(Co-Up Activities)."))
