import { registry } from "@web/core/registry";

// A member opens their invitations on a phone and says they will come.
registry.category("web_tour.tours").add("coup_activities_portal_accept", {
    steps: () => [
        {
            content: "The invitation to the general assembly is listed",
            trigger: ".o_coup_invitation:contains('AG Kléla')",
        },
        {
            content: "One tap to accept",
            trigger: ".o_coup_invitation:contains('AG Kléla') .o_coup_accept",
            run: "click",
        },
        {
            content: "The answer is confirmed",
            trigger: ".alert-success:contains('your answer is recorded')",
        },
        {
            content: "The invitation shows it",
            trigger: ".o_coup_invitation:contains('AG Kléla') .o_coup_invitation_state:contains('Accepted')",
        },
    ],
});
