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

# A second bank, written after the rules were tuned on PROMPTS and never used for
# tuning: `make_sets.py --bank fresh` measures on it, so the figures show how far the
# rules generalise to wordings nobody tuned them on.
PROMPTS_FRESH: tuple[tuple[str, str], ...] = (
    ("paywall", "Subscriber exclusive"),
    ("paywall", "You've hit your limit. Subscribe for unlimited reading."),
    ("paywall", "Keep reading for just £1"),
    ("paywall", "Read the full story with a {site} subscription"),
    ("paywall", "This is a premium article. Upgrade to read it in full."),
    ("paywall", "Your support makes our journalism possible. Donate now"),
    ("paywall", "Already have an account? Sign in here"),
    ("paywall", "PREMIUM"),
    ("paywall", "Get 3 months for $1"),
    ("registration", "Register free to keep reading"),
    ("registration", "Create an account or log in to read"),
    ("newsletter", "Get {site}'s best stories in your inbox"),
    ("newsletter", "Our {topic} newsletter lands every Tuesday. Sign up now"),
    ("newsletter", "Sign up to receive our breaking news alerts"),
    ("newsletter", "Never miss a story: get the daily digest"),
    ("share", "Share via WhatsApp"),
    ("share", "Facebook  X  LinkedIn  Copy link"),
    ("share", "Share article"),
    ("share", "Follow us: Facebook | Instagram | YouTube"),
    ("share", "Share {n} Tweet"),
    ("cookie", "Our site uses cookies. By continuing you accept our cookie policy."),
    ("cookie", "Accept cookies"),
    ("ad-marker", "Sponsored"),
    ("ad-marker", "ADVERTISING"),
    ("ad-marker", "Story continues below"),
    ("ad-marker", "Recommended by Outbrain"),
    ("related", "Related articles"),
    ("related", "READ ALSO: {topic} leaders meet in Brussels"),
    ("related", "More in {topic}"),
    ("related", "You might be interested in"),
    ("related", "Trending"),
    ("navigation", "Skip to content"),
    ("navigation", "News > {topic} > Europe"),
    ("navigation", "Sign in | Subscribe | Search"),
    ("navigation", "Next story \u2192"),
    ("navigation", "Back to {topic}"),
    ("footer", "Copyright \u00a9 2021 {site}"),
    ("footer", "\u00a9 {site} Ltd"),
    ("footer", "Syndicated by {site} Wire Service"),
    ("footer", "Privacy | Terms | Cookies | Contact"),
    ("footer", "Republished with permission of {site}."),
    ("byline", "By Admin"),
    ("byline", "By News Desk"),
)
