import { Component, markup, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { formatFloat, formatInteger, formatMonetary } from "@web/views/fields/formatters";
import { useSetupAction } from "@web/search/action_hook";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

/**
 * Cooperative dashboard: member figures of the selected cooperatives as KPI cards, joins and
 * exits over the last 12 months, and one table row per cooperative beside its federation's
 * median. Every number opens the list of the records it counts.
 *
 * The figures (columns) come from `coup.dashboard._coup_dashboard_figures`, which feature
 * modules extend: this component draws whatever figures it receives.
 */
export class CoupDashboard extends Component {
    static template = "coup_member_registry.CoupDashboard";
    static components = { Layout };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.display = { controlPanel: {} };
        this.actionCache = {};
        this.state = useState({
            data: null,
            // the cooperative shown in the cards, kept when coming back from a list
            focus: this.props.state?.coupFocus ?? "all",
            loading: false,
        });
        useSetupAction({ getLocalState: () => ({ coupFocus: this.state.focus }) });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.loading = true;
        try {
            this.state.data = await this.orm.call("coup.dashboard", "get_dashboard_data", [], {
                company_ids: this.props.action.context?.coup_dashboard_company_ids || null,
            });
            if (
                this.state.focus !== "all" &&
                !this.state.data.companies.some((c) => c.id === this.state.focus)
            ) {
                this.state.focus = "all";
            }
        } finally {
            this.state.loading = false;
        }
    }

    // ------------------------------------------------------------------
    // Data helpers
    // ------------------------------------------------------------------

    get data() {
        return this.state.data;
    }

    get figures() {
        return this.data.figures;
    }

    get companies() {
        return this.data.companies;
    }

    get companiesById() {
        return Object.fromEntries(this.companies.map((c) => [c.id, c]));
    }

    get federationsById() {
        return Object.fromEntries(this.data.federations.map((f) => [f.id, f]));
    }

    get hasMembers() {
        return this.figures.some((figure) =>
            Object.values(figure.values).some((value) => value)
        );
    }

    /** The company and, for a federation, its member cooperatives (at any depth). */
    branchIds(companyId) {
        const byId = this.companiesById;
        const ids = [companyId];
        for (const childId of byId[companyId]?.child_ids || []) {
            ids.push(...this.branchIds(childId));
        }
        return ids;
    }

    get focusIds() {
        if (this.state.focus === "all") {
            return this.companies.map((c) => c.id);
        }
        return this.branchIds(this.state.focus);
    }

    get focusName() {
        if (this.state.focus === "all") {
            return this.companies.length === 1 ? this.companies[0].name : _t("All cooperatives");
        }
        return this.companiesById[this.state.focus].name;
    }

    sumOf(figure, companyIds) {
        return companyIds.reduce((total, id) => total + (figure.values[id] || 0), 0);
    }

    /**
     * The figure for a set of companies: their sum, or the one value if it does not add up.
     * Amounts of several cooperatives are added in the dashboard's currency (converted by the
     * server); one cooperative's amount stays in its own currency.
     */
    valueOf(figure, companyIds) {
        if (!figure.rollup && companyIds.length !== 1) {
            return false;
        }
        if (figure.monetary && companyIds.length !== 1) {
            // an amount without a rate is not added as if it were in the dashboard's currency
            if (companyIds.some((id) => figure.converted[id] === null)) {
                return null;
            }
            return companyIds.reduce((total, id) => total + (figure.converted[id] || 0), 0);
        }
        return this.sumOf(figure, companyIds);
    }

    /** The currency of a figure's value for a set of companies (amounts only). */
    currencyOf(figure, companyIds) {
        if (companyIds.length === 1) {
            return this.companiesById[companyIds[0]]?.currency_id || figure.currency_id;
        }
        return figure.currency_id;
    }

    /** A figure's value as shown: a count, or an amount with its currency. */
    formatFigure(figure, value, currencyId, missingRates) {
        if (figure.monetary && value === null) {
            const names = (missingRates || figure.missing_rates || []).join(", ");
            return _t("No exchange rate for %(currencies)s", { currencies: names || "?" });
        }
        if (figure.monetary && value !== false && value !== undefined) {
            return formatMonetary(value, { currencyId });
        }
        return this.format(value);
    }

    shareOf(figure, companyIds) {
        const base = figure.share_of && this.figures.find((f) => f.key === figure.share_of);
        if (!base) {
            return false;
        }
        const total = this.valueOf(base, companyIds);
        const value = this.valueOf(figure, companyIds);
        if (!total || value === false) {
            return false;
        }
        return Math.round((100 * value) / total);
    }

    get cards() {
        const ids = this.focusIds;
        return this.figures.map((figure) => ({
            figure,
            value: this.valueOf(figure, ids),
            share: this.shareOf(figure, ids),
        }));
    }

    /**
     * Table sections: one per federation (its member cooperatives compared with their median,
     * then the federation's total and median), then the cooperatives outside any federation.
     */
    get sections() {
        const byId = this.companiesById;
        const sections = [];
        for (const federation of this.data.federations) {
            const company = byId[federation.id];
            const rows = federation.company_ids.map((childId) => ({
                company: byId[childId],
                companyIds: federation.branches[childId],
                isFederation: byId[childId].is_federation,
            }));
            const own = this.figures.some((figure) => figure.values[federation.id]);
            sections.push({
                key: `federation-${federation.id}`,
                federation,
                company,
                rows,
                own: own ? { company, companyIds: [federation.id] } : false,
            });
        }
        const standalone = this.companies.filter((c) => !c.parent_id && !c.is_federation);
        if (standalone.length) {
            sections.push({
                key: "standalone",
                federation: false,
                company: false,
                rows: standalone.map((company) => ({
                    company,
                    companyIds: [company.id],
                    isFederation: false,
                })),
                own: false,
            });
        }
        return sections;
    }

    /** "above", "below" or "median" for a member cooperative compared with its federation. */
    comparison(federation, figure, value, companyId) {
        const median = federation.median[figure.key];
        if (figure.monetary && companyId) {
            // compared in the federation's currency
            const converted = federation.converted[figure.key] || {};
            if (companyId in converted) {
                value = converted[companyId];
            }
        }
        if (
            value === false ||
            value === null ||
            median === false ||
            median === null ||
            federation.company_ids.length < 2
        ) {
            return "";
        }
        if (value > median) {
            return "above";
        }
        if (value < median) {
            return "below";
        }
        return "median";
    }

    /** Colour class of a comparison: green when it is the good side of the median. */
    judge(figure, comparison) {
        if (comparison !== "above" && comparison !== "below") {
            return "";
        }
        const good = (comparison === "above") === (figure.higher_is_better !== false);
        return good ? "o_coup_good" : "o_coup_bad";
    }

    comparisonTitle(federation, figure, value, companyId) {
        const median = this.formatFigure(
            figure,
            federation.median[figure.key],
            federation.currency_id,
            federation.missing_rates[figure.key]
        );
        switch (this.comparison(federation, figure, value, companyId)) {
            case "above":
                return _t("Above the median of %(federation)s (%(median)s)", {
                    federation: federation.name,
                    median,
                });
            case "below":
                return _t("Below the median of %(federation)s (%(median)s)", {
                    federation: federation.name,
                    median,
                });
            case "median":
                return _t("At the median of %(federation)s (%(median)s)", {
                    federation: federation.name,
                    median,
                });
        }
        return "";
    }

    get months() {
        const ids = this.focusIds;
        const months = this.data.months.map((month) => ({
            ...month,
            joinCount: ids.reduce((total, id) => total + (month.joins[id] || 0), 0),
            exitCount: ids.reduce((total, id) => total + (month.exits[id] || 0), 0),
        }));
        const max = Math.max(1, ...months.map((m) => Math.max(m.joinCount, m.exitCount)));
        for (const month of months) {
            month.joinHeight = (100 * month.joinCount) / max;
            month.exitHeight = (100 * month.exitCount) / max;
        }
        return months;
    }

    /** Non-breaking spaces before a name, by its depth under the selected federations. */
    indent(company) {
        const byId = this.companiesById;
        let depth = 0;
        for (let parentId = company.parent_id; parentId; parentId = byId[parentId]?.parent_id) {
            depth++;
        }
        return "\u00a0\u00a0\u00a0".repeat(depth);
    }

    shareText(card) {
        const base = this.figures.find((f) => f.key === card.figure.share_of);
        return _t("%(percent)s of %(base)s", {
            percent: `${card.share}%`,
            base: base.label,
        });
    }

    monthTitle(month, kind) {
        if (kind === "joins") {
            return _t("%(count)s joined in %(month)s", {
                count: this.format(month.joinCount),
                month: month.label,
            });
        }
        return _t("%(count)s left in %(month)s", {
            count: this.format(month.exitCount),
            month: month.label,
        });
    }

    format(value) {
        if (value === false || value === null || value === undefined) {
            return "–";
        }
        if (Number.isInteger(value)) {
            return formatInteger(value);
        }
        return formatFloat(value, { digits: [false, 1] });
    }

    // ------------------------------------------------------------------
    // Handlers
    // ------------------------------------------------------------------

    onFocusChange(ev) {
        const value = ev.target.value;
        this.state.focus = value === "all" ? "all" : parseInt(value);
    }

    onRowFocus(companyId) {
        this.state.focus = this.state.focus === companyId ? "all" : companyId;
    }

    async onRefresh() {
        await this.load();
    }

    /** Open the records a number counts: the figure's domain within the given companies. */
    openFigure(figure, companyIds, title) {
        const domain = [...figure.domain, [figure.company_field, "in", companyIds]];
        this.openList({
            resModel: figure.res_model,
            actionXmlid: figure.action,
            domain,
            name: _t("%(figure)s – %(where)s", { figure: figure.label, where: title }),
        });
    }

    openMonth(month, kind) {
        const field = kind === "joins" ? "join_date" : "exit_date";
        // whole phrases: the web client's translations are one dictionary for every module,
        // where a bare "Left" is the alignment ("Gauche", "Izquierda")
        const label = kind === "joins" ? _t("Members who joined") : _t("Members who left");
        this.openList({
            resModel: "coup.membership",
            actionXmlid: "coup_member_registry.coup_membership_action",
            domain: [
                [field, ">=", month.date_from],
                [field, "<=", month.date_to],
                ["company_id", "in", this.focusIds],
            ],
            name: _t("%(what)s in %(month)s – %(where)s", {
                what: label,
                month: month.label,
                where: this.focusName,
            }),
        });
    }

    /**
     * Open a list of `resModel` filtered by `domain` alone: the window action `actionXmlid`
     * (the members list for memberships) without its default filters, or a plain list.
     */
    async openList({ resModel, actionXmlid, domain, name }) {
        let base = {
            type: "ir.actions.act_window",
            res_model: resModel,
            views: [
                [false, "list"],
                [false, "form"],
            ],
        };
        if (actionXmlid) {
            if (!this.actionCache[actionXmlid]) {
                this.actionCache[actionXmlid] = rpc("/web/action/load", { action_id: actionXmlid });
            }
            const action = await this.actionCache[actionXmlid];
            base = { ...action, help: action.help ? markup(action.help) : false };
        }
        await this.action.doAction({
            ...base,
            name,
            display_name: name,
            domain,
            context: { create: false },
            target: "current",
        });
    }
}

registry.category("actions").add("coup_member_registry.dashboard", CoupDashboard);
