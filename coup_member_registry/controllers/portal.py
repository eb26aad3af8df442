"""The member's own corner of the portal: profile, memberships, household and booklet.

Everything here is about ``request.env.user.partner_id`` only. Memberships and booklet rows
are read with the user's rights (record rules give a portal member their own rows); the few
things a member may see but not read — their cooperatives' names, the other members of their
household, their card numbers — are read with ``sudo()`` and handed to the templates as plain
values, never as sudoed records.
"""
import re

from odoo import _, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.coup_membership import EXIT_STATES
from .portal_formats import PortalFormats

BOOKLET_REPORT = "coup_member_registry.action_report_coup_member_booklet"


class CoupMemberPortal(CustomerPortal):

    _coup_booklet_per_page = 30
    _coup_booklet_preview = 5
    _coup_booklet_row_fields = ["date", "kind", "name", "company_id", "quantity", "amount",
                                "currency_id"]

    # ------------------------------------------------------------------
    # Home card
    # ------------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "coup_membership_count" in counters:
            Membership = request.env["coup.membership"]
            values["coup_membership_count"] = Membership.search_count(
                self._coup_membership_domain()) if Membership.has_access("read") else 0
        return values

    # ------------------------------------------------------------------
    # Values
    # ------------------------------------------------------------------

    def _coup_partner(self):
        return request.env.user.partner_id

    def _coup_membership_domain(self):
        return [("partner_id", "=", self._coup_partner().id)]

    def _coup_memberships(self):
        """The current user's own memberships, read with their rights."""
        Membership = request.env["coup.membership"]
        if not Membership.has_access("read"):
            return Membership
        return Membership.search(self._coup_membership_domain())

    def _prepare_portal_layout_values(self):
        """Every portal page framed by the member's cooperative: its name, logo, address and
        phone above the page, and its letterhead (``res_company``) in the layout, instead of
        the server's main company."""
        self._coup_prefetch_page_records()
        values = super()._prepare_portal_layout_values()
        values["coup_format"] = PortalFormats(request.env)
        frame = self._coup_portal_frame()
        if frame:
            values["coup_company"] = frame
            values["res_company"] = request.env["res.company"].sudo().browse(frame["id"])
            values["coup_own_frame"] = self._coup_own_frame()
        return values

    def _coup_prefetch_page_records(self):
        """Read, with only the fields a portal page shows of them, the records every page
        reads a field or two of: the member's partner (the portal's layout values) and the
        website's company (its Twitter account, in the page's metadata). On first access the
        ORM reads the whole record: 216 fields of a partner, 211 of a company, a millisecond
        each, for every page. A field left out here still reads as before."""
        request.env.user.partner_id.fetch(["name", "user_id", "commercial_partner_id", "tz"])
        website = getattr(request, "website", None)
        if website:
            website.company_id.sudo().fetch(["social_twitter"])

    def _coup_portal_frame(self):
        """What frames the member's pages, from their cooperative (their current
        membership's, else their latest): its name, own logo (none for Odoo's placeholder),
        address, phone and e-mail, as plain values since a member may not read the company.
        Every portal page draws it, so it is read in one query rather than through the
        company's and its partner's full records (a quarter of a page's time before)."""
        user = request.env.user
        if not user._is_portal():
            return {}
        env = request.env
        for model, names in (("coup.membership", ["partner_id", "company_id", "state",
                                                  "join_date", "active"]),
                             ("res.company", ["name", "partner_id", "phone", "email",
                                              "uses_default_logo"]),
                             ("res.partner", ["street", "street2", "city", "country_id"])):
            env[model].flush_model(names)
        env.cr.execute("""
            SELECT company.id, company.name, company.phone, company.email,
                   company.uses_default_logo, partner.street, partner.street2, partner.city,
                   COALESCE(country.name->>%(lang)s, country.name->>'en_US')
              FROM coup_membership membership
              JOIN res_company company ON company.id = membership.company_id
              JOIN res_partner partner ON partner.id = company.partner_id
         LEFT JOIN res_country country ON country.id = partner.country_id
             WHERE membership.partner_id = %(partner)s AND membership.active
          ORDER BY membership.state IN %(exit)s, membership.join_date DESC NULLS FIRST,
                   membership.id DESC
             LIMIT 1
        """, {"partner": user.partner_id.id, "exit": EXIT_STATES, "lang": env.lang or "en_US"})
        row = env.cr.fetchone()
        if not row:
            return {}
        company_id, name, phone, email, default_logo, *address = row
        return {
            "id": company_id,
            "name": name,
            # the logo by its URL, which the phone keeps (not inside every page)
            "logo": not default_logo,
            "address": ", ".join(part for part in address if part),
            "phone": phone or "",
            "email": email or "",
        }

    def _coup_own_frame(self):
        """Whether the cooperative draws the page's header and footer itself: with Odoo's
        ``website`` installed, the portal is drawn in the website's layout, whose header and
        footer are the website's (a sample logo, menus and contact until someone designs
        them), not the member's cooperative's."""
        return "website" in request.env

    def _coup_booklet_domain(self, membership=None):
        domain = [("partner_id", "=", self._coup_partner().id)]
        if membership:
            domain.append(("company_id", "=", membership.company_id.id))
        return domain

    def _coup_booklet_lines(self, membership=None, limit=None, offset=0,
                            order="date, moment, id"):
        Booklet = request.env["coup.member.booklet"]
        if not Booklet.has_access("read"):
            return Booklet
        # the rows with what the page shows, in one query of the booklet's view
        return Booklet.search_fetch(self._coup_booklet_domain(membership),
                                    self._coup_booklet_row_fields, order=order,
                                    limit=limit, offset=offset)

    def _coup_booklet_count(self, membership=None):
        Booklet = request.env["coup.member.booklet"]
        if not Booklet.has_access("read"):
            return 0
        return Booklet.search_count(self._coup_booklet_domain(membership))

    def _coup_company_names(self, *recordsets):
        """Names of the cooperatives of ``recordsets``: a member may not read the company."""
        companies = request.env["res.company"]
        for records in recordsets:
            companies |= records.company_id
        # the name alone: read on first access, the whole company is 211 fields
        companies = companies.sudo()
        companies.fetch(["name"])
        return {company.id: company.name for company in companies}

    def _coup_card_numbers(self, memberships):
        """The member card number (partner ``barcode``, one per cooperative) of each membership."""
        partner_sudo = self._coup_partner().sudo()
        return {
            membership.id: partner_sudo.with_company(membership.company_id).barcode or ""
            for membership in memberships
        }

    def _coup_household(self, membership):
        """Names and relations of the household ``membership`` belongs to.

        The principal member and the affiliated members are read with ``sudo()``: a member
        may know who is in their household, but not read those people's records.
        """
        membership_sudo = membership.sudo()
        principal = membership_sudo.principal_membership_id or membership_sudo
        relations = dict(principal._fields["relation"]._description_selection(request.env))
        me = self._coup_partner()
        people = []
        for member in principal | principal.affiliated_membership_ids:
            if member.state in EXIT_STATES:
                continue
            is_principal = member == principal
            people.append({
                "name": member.partner_id.name,
                "relation": _("Principal member") if is_principal
                else relations.get(member.relation) or _("Affiliated member"),
                "is_principal": is_principal,
                "is_me": member.partner_id == me,
            })
        return people

    def _coup_households(self, memberships):
        """One household per cooperative, for the households that have more than the member."""
        company_names = self._coup_company_names(memberships)
        households = []
        for membership in memberships.filtered(lambda m: m.state not in EXIT_STATES):
            people = self._coup_household(membership)
            if len(people) > 1:
                households.append({
                    "membership": membership,
                    "company_name": company_names.get(membership.company_id.id, ""),
                    "people": people,
                })
        return households

    def _prepare_coup_values(self, **kwargs):
        values = self._prepare_portal_layout_values()
        partner = self._coup_partner()
        memberships = self._coup_memberships()
        # the latest rows only, the newest first (the full booklet reads in date order)
        lines = self._coup_booklet_lines(limit=self._coup_booklet_preview,
                                         order="date desc, moment desc, id desc")
        values.update({
            "page_name": "coup",
            "partner": partner,
            "memberships": memberships,
            "company_names": self._coup_company_names(memberships, lines),
            "card_numbers": self._coup_card_numbers(memberships),
            "households": self._coup_households(memberships),
            "booklet_lines": lines,
            "booklet_count": self._coup_booklet_count(),
        })
        values.update(kwargs)
        return values

    # ------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------

    @http.route("/my/coop", type="http", auth="user", website=True)
    def portal_coup_home(self, phone_updated=None, **kw):
        values = self._prepare_coup_values(phone_updated=bool(phone_updated))
        return request.render("coup_member_registry.portal_coup_home", values)

    @http.route("/my/coop/membership/<int:membership_id>", type="http", auth="user",
                website=True)
    def portal_coup_membership(self, membership_id, **kw):
        try:
            membership_sudo = self._document_check_access("coup.membership", membership_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        # Staff may read other people's memberships in the backend; the portal is "my" only.
        if membership_sudo.partner_id != self._coup_partner():
            return request.redirect("/my")
        membership = request.env["coup.membership"].browse(membership_sudo.id)
        principal_name = ""
        if membership.membership_type == "affiliated":
            principal_name = membership_sudo.principal_membership_id.partner_id.name
        lines = self._coup_booklet_lines(membership)
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "coup_membership",
            "partner": self._coup_partner(),
            "membership": membership,
            "company_name": membership_sudo.company_id.name,
            "card_number": self._coup_card_numbers(membership).get(membership.id),
            "principal_name": principal_name,
            "household": self._coup_household(membership)
            if membership.state not in EXIT_STATES else [],
            "booklet_lines": lines,
            "company_names": self._coup_company_names(lines),
        })
        return request.render("coup_member_registry.portal_coup_membership", values)

    @http.route(["/my/coop/booklet", "/my/coop/booklet/page/<int:page>"], type="http",
                auth="user", website=True)
    def portal_coup_booklet(self, page=1, **kw):
        step = self._coup_booklet_per_page
        # most members' booklets fit on the first page: its rows are then the count (the
        # booklet's view, a union of every module's rows, costs milliseconds to plan)
        lines = self._coup_booklet_lines(limit=step) if page == 1 else None
        total = len(lines) if lines is not None and len(lines) < step \
            else self._coup_booklet_count()
        pager = portal_pager(url="/my/coop/booklet", total=total, page=page, step=step)
        if lines is None or pager["offset"]:
            lines = self._coup_booklet_lines(limit=step, offset=pager["offset"])
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "coup_booklet",
            "partner": self._coup_partner(),
            "booklet_lines": lines,
            "company_names": self._coup_company_names(lines),
            "pager": pager,
        })
        return request.render("coup_member_registry.portal_coup_booklet", values)

    @http.route("/my/coop/booklet/pdf", type="http", auth="user", website=True)
    def portal_coup_booklet_pdf(self, report_type="pdf", download=False, **kw):
        """The booklet report of the current user's partner, and of nobody else."""
        if report_type not in ("pdf", "html"):
            report_type = "pdf"
        memberships = self._coup_memberships()
        if not memberships:
            return request.redirect("/my/coop")
        partner_sudo = self._coup_partner().sudo()
        company = partner_sudo._coup_booklet_company()
        report_sudo = request.env["ir.actions.report"].sudo().with_company(company)
        # no PDF engine on this server: the member still gets a printable page, with a note
        content, report_type = report_sudo._coup_render_pdf_or_html(
            BOOKLET_REPORT, partner_sudo.ids, report_type)
        headers = [
            ("Content-Type", "application/pdf" if report_type == "pdf"
             else "text/html; charset=utf-8"),
            ("Content-Length", len(content)),
        ]
        if report_type == "pdf":
            filename = "%s.pdf" % re.sub(r"\W+", "_", _("Member Booklet %s", partner_sudo.name))
            disposition = content_disposition(filename)
            if not download:
                disposition = disposition.replace("attachment", "inline", 1)
            headers.append(("Content-Disposition", disposition))
        return request.make_response(content, headers=headers)

    def _show_report(self, model, report_type, report_ref, download=False):
        """Every portal report (a delivery's receipt, a statement…) printed under the company
        of its record and, on a server without a PDF engine, shown as its printable page with
        a note instead of an error."""
        if report_type == "pdf" and not request.env["ir.actions.report"].sudo() \
                ._coup_pdf_available():
            Report = request.env["ir.actions.report"].sudo()
            if "company_id" in model and len(model.company_id) == 1:
                Report = Report.with_company(model.company_id)
            content, _type = Report._coup_render_pdf_or_html(report_ref, model.ids, "pdf")
            return request.make_response(content, headers=[
                ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", len(content))])
        return super()._show_report(model, report_type, report_ref, download=download)

    @http.route("/my/coop/phone", type="http", auth="user", website=True,
                methods=["GET", "POST"])
    def portal_coup_phone(self, phone=None, **kw):
        """The member corrects their phone number: kept as typed once it reads as a valid
        number of their country (see ``res.partner._check_coup_member_phone``)."""
        partner = self._coup_partner()
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "coup_phone", "partner": partner,
                       "phone": partner.phone or "", "error": False})
        if request.httprequest.method == "POST":
            typed = (phone or "").strip()
            partner_sudo = partner.sudo()
            number = partner_sudo._coup_format_phone(typed) if typed else False
            if not number:
                values.update({
                    "phone": typed,
                    "error": _("“%s” is not a valid phone number. Check the digits; for a "
                               "number from another country, start with + and the country "
                               "code.", typed) if typed else _("Enter your phone number."),
                })
            else:
                old = partner_sudo.phone
                if typed != old:
                    partner_sudo.write({"phone": typed})
                    partner_sudo._message_log(body=_(
                        "Phone number changed by the member on the portal: %(old)s → %(new)s",
                        old=old or _("none"), new=typed))
                return request.redirect("/my/coop?phone_updated=1")
        return request.render("coup_member_registry.portal_coup_phone", values)
