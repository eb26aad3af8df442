import { registry } from "@web/core/registry";

// At the door: the attendance form of a general assembly, a member card typed as a scanner
// types it, and the member is marked present.
registry.category("web_tour.tours").add("coup_activities_attendance_by_card", {
    steps: () => [
        {
            content: "Open attendance by card",
            trigger: "button[name='action_coup_scan_cards']",
            run: "click",
        },
        {
            content: "The camera can read cards too",
            trigger: ".modal .o_coup_scan_camera",
        },
        {
            content: "Scan a member card",
            trigger: ".modal div[name='card'] input",
            run: "edit ML-00001",
        },
        {
            content: "Mark present",
            trigger: ".modal button[name='action_scan']",
            run: "click",
        },
        {
            content: "Confirmed",
            trigger: ".modal div[name='last_message']:contains('is present')",
        },
    ],
});
