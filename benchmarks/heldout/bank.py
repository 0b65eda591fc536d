"""Text banks for the held-out-style evaluation sets (see make_sets.py).

Every string here was written for this benchmark, in wordings that are
deliberately *not* those of the DEV corpus's seeded prompts, so the sets
measure how far the rules generalise beyond the phrasings they were tuned
on.  ``{site}``, ``{n}``, ``{topic}`` and ``{name}`` are filled in by the
generator with invented values.

PROMPTS: page furniture that addresses the reader or labels a page slot
(the PW rules' job), as ``(kind, template)``.  OTHER_LEFTOVERS: non-article
page text that is *not* a prompt (captions, real bylines, time stamps):
labelled as leftovers but never as prompts, so they count neither way.
"""

from __future__ import annotations

SITES = (
    "Example Media",
    "The Harbour Gazette",
    "Northline News",
    "Daily Meridian",
    "Coastal Courier",
    "The Lantern",
    "Metro Ledger Online",
    "Valley Observer",
)
TOPICS = ("Politics", "Business", "Climate", "Tech", "Sport", "Health", "Science", "Culture")
NAMES = ("Maria Keller", "Tom Achebe", "Lena Sorensen", "Raj Patel", "Ana Ruiz", "Kenji Mori")

PROMPTS: tuple[tuple[str, str], ...] = (
    # paywall / access
    ("paywall", "You have {n} free articles left this month."),
    ("paywall", "Already a subscriber? Log in"),
    ("paywall", "This content is for members only."),
    ("paywall", "Log in or register to continue"),
    ("paywall", "Support independent journalism"),
    ("paywall", "Click here to subscribe"),
    ("paywall", "To keep reading, become a {site} subscriber for just $1 a week."),
    ("paywall", "THIS STORY IS AVAILABLE TO SUBSCRIBERS ONLY"),
    ("paywall", "Want to read more? Start your subscription today"),
    ("paywall", "Subscribers get unlimited access to every story, puzzle and podcast."),
    ("paywall", "Your free preview has ended. Choose a plan to keep reading."),
    ("paywall", "Get full access to {site} for 99p"),
    ("paywall", "Members can read this piece in full. Not a member? Join today."),
    ("paywall", "Please log in to read the rest of this article"),
    ("paywall", "Only {n} stories remain in your free allowance"),
    ("paywall", "Continue reading with a digital pass »"),
    ("paywall", "Subscribe | Log in"),
    ("paywall", "Unlock premium content with {site} Plus"),
    ("paywall", "Thanks for reading. Help keep our reporting free by making a contribution."),
    ("paywall", "If you value our journalism, please consider supporting us"),
    ("paywall", "Become a member to access this article and"),
    ("registration", "Register for free to read on"),
    ("registration", "Create your free account to save articles and"),
    ("registration", "Sign in to your account"),
    ("registration", "Register to unlock this article"),
    # newsletter
    ("newsletter", "Sign up for our morning briefing"),
    ("newsletter", "Get the {topic} newsletter in your inbox every Friday"),
    ("newsletter", "Want the day's top stories by email? Sign up here."),
    ("newsletter", "Subscribe to {site} Daily, our free email digest"),
    ("newsletter", "NEWSLETTER: Get the best of {topic} weekly"),
    ("newsletter", "Enter your e-mail address to receive our headlines"),
    ("newsletter", "Stay informed. Get our free evening bulletin."),
    ("newsletter", "Thank you for subscribing! Check your inbox to confirm."),
    # share / follow
    ("share", "Share {n}"),
    ("share", "Share this:"),
    ("share", "Share on Facebook | Share on X | Email"),
    ("share", "Tweet  Share  Pin  Email"),
    ("share", "Follow us on Facebook"),
    ("share", "Follow {site} on Instagram and TikTok"),
    ("share", "Like this story? Share it with a friend."),
    ("share", "Copy link"),
    ("share", "{n} Shares"),
    ("share", "Join our WhatsApp channel for breaking news"),
    # cookie
    ("cookie", "We use cookies to personalise content and ads and to analyse our traffic."),
    ("cookie", "This website stores cookies on your computer. Accept | Reject"),
    (
        "cookie",
        "By clicking \u201cAccept all\u201d you agree to the storing of cookies on your device.",
    ),
    ("cookie", "Manage consent preferences"),
    # ad markers
    ("ad-marker", "Advertisement"),
    ("ad-marker", "ADVERTISEMENT - SCROLL TO CONTINUE READING"),
    ("ad-marker", "Sponsored content"),
    ("ad-marker", "Ad"),
    ("ad-marker", "Article continues after advertisement"),
    ("ad-marker", "Promoted links by Taboola"),
    ("ad-marker", "Paid partner content"),
    ("ad-marker", "— Advertisement —"),
    # related / read more
    ("related", "Read more \u00bb"),
    ("related", "Related: {topic} ministers meet ahead of summit"),
    ("related", "MORE FROM {site_upper}"),
    ("related", "Recommended reading"),
    ("related", "Read next: How the {topic} desk covers elections"),
    ("related", "See more {topic} stories \u2192"),
    ("related", "Most viewed"),
    ("related", "What to read next"),
    ("related", "Also on {site}: ten things to know this week"),
    ("related", "Keep reading \u2192"),
    ("related", "Continue reading \u00bb"),
    ("related", "Load more"),
    # navigation
    ("navigation", "Skip to main content"),
    ("navigation", "Home | World | Business | Sport | Opinion"),
    ("navigation", "Home \u203a {topic} \u203a Europe"),
    ("navigation", "Menu  Search  Sign in"),
    ("navigation", "Back to top"),
    ("navigation", "Jump to comments"),
    ("navigation", "Previous article Next article"),
    ("navigation", "Comments ({n})"),
    ("navigation", "Show comments"),
    ("navigation", "Download the {site} app"),
    ("navigation", "Listen to this article"),
    ("navigation", "Print this page"),
    # footers / syndication / copyright
    ("footer", "\u00a9 2024 {site}. All rights reserved."),
    ("footer", "Copyright {site} 2023"),
    ("footer", "This article originally appeared on {site}."),
    ("footer", "Distributed by Tribune Content Agency, LLC."),
    ("footer", "This story was produced in partnership with {site}."),
    ("footer", "Terms of Use | Privacy Policy | Contact Us"),
    ("footer", "(c) {site}, 2022"),
    ("footer", "Content from our partners"),
    ("footer", "All content copyright {site} unless otherwise stated."),
    ("footer", "Licensed from {site}. Redistribution prohibited."),
    # author box / placeholder byline
    ("author-box", "About the Author"),
    ("author-box", "More articles by this author"),
    ("author-box", "{name} is a staff writer. Follow her on Twitter."),
    ("byline", "By Web Desk"),
    ("byline", "Posted by site admin"),
    ("byline", "Written by Editorial Staff"),
)

# Non-prompt page text: labelled as leftovers with prompt=false.
OTHER_LEFTOVERS: tuple[tuple[str, str], ...] = (
    ("caption", "Protesters gather outside the parliament building on Tuesday. (Photo: {name})"),
    ("caption", "A worker inspects panels at the plant near the coast."),
    ("credit", "Photo: {name}/{site}"),
    ("credit", "Image credit: Getty Images"),
    ("byline", "By {name}"),
    ("byline", "{name}, {topic} correspondent"),
    ("timestamp", "Updated 14:32 GMT, 3 March 2024"),
    ("timestamp", "Published 6 hours ago"),
    ("tags", "Tags: {topic}, economy, trade"),
    ("reading-time", "{n} min read"),
)
