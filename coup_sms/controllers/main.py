import logging

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.http import request

_logger = logging.getLogger(__name__)


class CoupSmsController(http.Controller):
    """Webhooks of the cooperatives' gateways, and the short links sent by SMS.

    Every webhook call is checked against its gateway (Twilio's signature, Africa's Talking's
    shared token, the generic gateway's HMAC-SHA256): an unknown gateway gets 404, a call that
    fails the check 403, each with a log line.
    """

    def _coup_gateway_call(self, gateway_id, kind):
        """``(gateway, client, params, raw_body, error_response)`` of a webhook call."""
        gateway = request.env["coup.sms.gateway"].sudo().browse(gateway_id).exists()
        httprequest = request.httprequest
        remote = httprequest.remote_addr
        if not gateway or not gateway.active:
            _logger.warning("SMS %s webhook refused: no active gateway %s (call from %s)", kind,
                            gateway_id, remote)
            return gateway, None, None, None, request.make_response(
                "Unknown gateway", status=404)
        client = gateway._coup_client()
        raw_body = httprequest.get_data(cache=True)
        form = httprequest.form.to_dict()
        if gateway.provider == "twilio":
            params = form
        else:
            params = {**httprequest.args.to_dict(), **form}
        url = httprequest.url
        if gateway.provider == "twilio":
            # Twilio signs the URL it called: behind a proxy, the public one
            public = "%s%s" % (gateway.get_base_url(), httprequest.full_path.rstrip("?"))
            url = list(dict.fromkeys([url, public]))
        if not client.verify(url, params, httprequest.headers, raw_body):
            _logger.warning("SMS %s webhook of gateway %s (%s) refused: missing or wrong "
                            "signature (call from %s)", kind, gateway.name, gateway.id, remote)
            return gateway, None, None, None, request.make_response("Forbidden", status=403)
        params.pop("token", None)
        return gateway, client, params, raw_body, None

    @http.route("/coup_sms/<int:gateway_id>/delivery", type="http", auth="public",
                methods=["POST", "GET"], csrf=False, save_session=False)
    def coup_sms_delivery(self, gateway_id, **kwargs):
        gateway, client, params, raw_body, error = self._coup_gateway_call(gateway_id, "delivery")
        if error:
            return error
        refused, kept = request.env["sms.sms"].sudo()._coup_apply_delivery_reports(
            gateway, client.parse_deliveries(params, raw_body))
        for __ in refused:
            _logger.warning("SMS delivery report of gateway %s without message id: %s",
                            gateway.name, params or raw_body[:200])
        for delivery in kept:
            _logger.warning("SMS delivery report of gateway %s for unknown message %s "
                            "(%s): kept until the message is known", gateway.name,
                            delivery.provider_id or delivery.reference, delivery.raw_status)
        return request.make_response("OK", headers=[("Content-Type", "text/plain")])

    @http.route("/coup_sms/<int:gateway_id>/inbound", type="http", auth="public",
                methods=["POST", "GET"], csrf=False, save_session=False)
    def coup_sms_inbound(self, gateway_id, **kwargs):
        gateway, client, params, raw_body, error = self._coup_gateway_call(gateway_id, "inbound")
        if error:
            return error
        inbound = client.parse_inbound(params, raw_body)
        if not inbound.sender:
            _logger.warning("Incoming SMS on gateway %s without sender refused: %s",
                            gateway.name, params or raw_body[:200])
            return request.make_response("Missing sender", status=400)
        request.env["coup.sms.inbound"].sudo()._coup_receive(gateway, inbound, later=True)
        body, content_type = client.inbound_response()
        return request.make_response(body, headers=[("Content-Type", content_type)])

    @http.route("/s/<string:token>", type="http", auth="public", methods=["GET"],
                save_session=False)
    def coup_sms_link(self, token, **kwargs):
        """A member's short signed link to a shared document."""
        message = request.env["coup.sms.campaign.message"].sudo()._coup_from_link_token(token)
        if not message:
            _logger.info("SMS short link refused: unknown or forged token %s", token)
            raise NotFound()
        if not message.link_opened_date:
            message.link_opened_date = fields.Datetime.now()
        return request.redirect(message._coup_link_target(), local=False)
