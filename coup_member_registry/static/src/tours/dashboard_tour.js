import { registry } from "@web/core/registry";

/**
 * Opens the cooperative dashboard (the test starts on its client action), checks that the
 * cooperatives table renders with the federation's median, then clicks a number and checks that
 * the matching filtered list of members opens. Data: TestCoupDashboardTour.
 */
registry.category("web_tour.tours").add("coup_dashboard_tour", {
    steps: () => [
        {
            content: "The KPI cards render",
            trigger: ".o_coup_dashboard .o_coup_kpi[data-figure='members'] .o_coup_kpi_value",
        },
        {
            content: "The cooperatives table has a row per member cooperative",
            trigger: ".o_coup_dashboard_table .o_coup_company_row:contains('Tour Coop A')",
        },
        {
            trigger: ".o_coup_dashboard_table .o_coup_company_row:contains('Tour Coop B')",
        },
        {
            content: "The federation's median is shown",
            trigger: ".o_coup_dashboard_table .o_coup_median_row td[data-figure='members']:contains('2')",
        },
        {
            content: "Coop A's women are above the median",
            trigger:
                ".o_coup_company_row:contains('Tour Coop A') td[data-figure='women'] .o_coup_figure.o_coup_above:contains('2')",
        },
        {
            content: "Show Coop A in the cards",
            trigger: ".o_coup_company_row:contains('Tour Coop A') .o_coup_focus_link",
            run: "click",
        },
        {
            trigger: ".o_coup_dashboard_focus_name:contains('Tour Coop A')",
        },
        {
            trigger: ".o_coup_kpi[data-figure='members'] .o_coup_kpi_value:contains('3')",
        },
        {
            content: "Open Coop A's women",
            trigger:
                ".o_coup_company_row:contains('Tour Coop A') td[data-figure='women'] .o_coup_figure",
            run: "click",
        },
        {
            content: "The list shows exactly Coop A's women",
            trigger: ".o_list_view .o_data_row:contains('Tour Woman A2')",
        },
        {
            trigger: ".o_list_view:not(:has(.o_data_row:contains('Tour Man A3')))",
        },
        {
            trigger: ".o_list_view:not(:has(.o_data_row:nth-child(3)))",
        },
        {
            content: "Back to the dashboard",
            trigger: ".o_control_panel .breadcrumb-item:not(.active) a, .o_control_panel .o_back_button",
            run: "click",
        },
        {
            content: "The dashboard still shows Coop A in the cards",
            trigger: ".o_coup_dashboard .o_coup_dashboard_focus_name:contains('Tour Coop A')",
        },
    ],
});

/**
 * Amounts of a cooperative whose currency has no rate: the federation's total, its median and
 * the cards name the missing currency instead of adding francs as euros. Data:
 * TestCoupDashboardTour.test_missing_rate_tour.
 */
registry.category("web_tour.tours").add("coup_dashboard_rate_tour", {
    steps: () => [
        {
            content: "The federation's total names the currency without a rate",
            trigger: ".o_coup_dashboard_table .o_coup_total_row td[data-figure='paid']:contains('XOF')",
        },
        {
            content: "So does its median",
            trigger: ".o_coup_dashboard_table .o_coup_median_row td[data-figure='paid'] .o_coup_median.text-danger:contains('XOF')",
        },
        {
            content: "The card of all cooperatives does not add the francs as euros",
            trigger: ".o_coup_kpi[data-figure='paid'] .o_coup_kpi_value:contains('XOF'):not(:contains('1,050'))",
        },
        {
            content: "The euro cooperative's own amount stays shown",
            trigger: ".o_coup_dashboard_table .o_coup_company_row:contains('Rate Coop EUR') td[data-figure='paid']:contains('50.00')",
        },
    ],
});
