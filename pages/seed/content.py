"""The site's launch content, from the two documents the site was commissioned from.

Where the two texts disagree, the newer one ("UNODC's Response to Human Trafficking")
wins: 147 States, and the "Global Programme against Trafficking in Persons".

Nothing here says more than those documents do. The explainer and the section pages also
quote or paraphrase the Trafficking in Persons Protocol they name, article by article. Where a
model requires a date the documents do not give in full, the comment beside it says where
the date comes from and what the site shows of it.

Pages are described by their model's field names. Bodies are StreamField blocks in
which links name pages by slug; the loader turns the slugs into page ids.
"""

import datetime


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def paragraph(html):
    return ("paragraph", html)


def page_link(slug, text):
    return f'<a linktype="page" id="{slug}">{text}</a>'


def call_to_action(text, page):
    return ("call_to_action", {"text": text, "page": page, "url": ""})


def quote(text, attribution):
    return ("quote", {"quote": text, "attribution": attribution})


def key_facts(title, facts):
    return ("key_facts", {"title": title, "facts": [{"figure": f, "description": d} for f, d in facts]})


SITE_NAME = "UNODC Global Programme against Trafficking in Persons"

# (slug, name, description)
THEMES = [
    (
        "prevention",
        "Prevention",
        "Stopping trafficking before it happens: awareness, research and addressing root causes.",
    ),
    ("protection", "Protection", "Identifying, protecting and assisting victims of trafficking."),
    (
        "prosecution",
        "Prosecution",
        "Investigating and prosecuting traffickers through a strong criminal justice response.",
    ),
    ("partnerships", "Partnerships", "Cooperation between States, UN agencies, civil society and the private sector."),
    ("research-and-awareness", "Research and awareness", "Data, research and campaigns that make trafficking visible."),
]

HOME = {
    "slug": "home",
    "title": "UNODC and Human Trafficking",
    "summary": (
        "Human trafficking is the acquisition of people by improper means such as force, fraud or deception, with the "
        "aim of exploiting them. The UNODC Global Programme against Trafficking in Persons assists countries in their "
        "efforts to combat this crime."
    ),
    "body": [
        paragraph(
            "<p>Human trafficking is the acquisition of people by improper means such as force, fraud or deception, with the aim of exploiting them. Human trafficking is a crime against humanity. Virtually every country in the world is affected by trafficking for sexual exploitation or forced labour. The challenges for all countries, rich and poor, are to target the criminals who exploit desperate people and to protect trafficking victims. As the only U.N. entity focusing on the criminal justice element, the Global Programme brings special expertise to the fight against trafficking.</p>"
            "<p>The UNODC Global Programme against Trafficking in Persons assists countries in their efforts to combat this crime. The work of the Global Programme is underpinned by the Convention on Transnational Organized Crime and its anti-trafficking protocol.</p>"
        ),
        call_to_action(
            "To learn more about human trafficking, read What is human trafficking?", "what-is-human-trafficking"
        ),
    ],
}

# Children of the home page, in menu order.
PAGES = [
    {
        "type": "StandardPage",
        "slug": "what-is-human-trafficking",
        "title": "What is human trafficking?",
        "menu_label": "What is trafficking?",
        "show_in_menus": True,
        "summary": (
            "The international definition of trafficking in persons, from Article 3 of the Trafficking in Persons "
            "Protocol: an act, by a means, for the purpose of exploitation."
        ),
        "body": [
            paragraph(
                "<p>Human trafficking is the acquisition of people by improper means such as force, fraud or deception, with the aim of exploiting them.</p>"
                "<p>The Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, adopted by the United Nations General Assembly in 2000 to supplement the Convention against Transnational Organized Crime, gives the international definition of trafficking in persons in its Article 3:</p>"
            ),
            quote(
                "“Trafficking in persons” shall mean the recruitment, transportation, transfer, harbouring or receipt of persons, by means of the threat or use of force or other forms of coercion, of abduction, of fraud, of deception, of the abuse of power or of a position of vulnerability or of the giving or receiving of payments or benefits to achieve the consent of a person having control over another person, for the purpose of exploitation. Exploitation shall include, at a minimum, the exploitation of the prostitution of others or other forms of sexual exploitation, forced labour or services, slavery or practices similar to slavery, servitude or the removal of organs.",
                "Trafficking in Persons Protocol, Article 3(a)",
            ),
            key_facts(
                "The three elements of trafficking",
                [
                    ("The act", "Recruitment, transportation, transfer, harbouring or receipt of persons."),
                    (
                        "The means",
                        "Threat or use of force or other coercion, abduction, fraud, deception, abuse of power or of a position of vulnerability, or payments or benefits to achieve the consent of a person having control over another person.",
                    ),
                    (
                        "The purpose",
                        "Exploitation: at a minimum, the exploitation of the prostitution of others or other sexual exploitation, forced labour or services, slavery or similar practices, servitude or the removal of organs.",
                    ),
                ],
            ),
            heading("Consent does not make it legal"),
            paragraph(
                "<p>Where any of the means has been used, the consent of a victim to the intended exploitation is irrelevant (Article 3(b)).</p>"
                "<p>When the victim is a child (any person under 18 years of age), the recruitment, transportation, transfer, harbouring or receipt of the child for the purpose of exploitation is trafficking even if none of the means has been used (Article 3(c) and (d)).</p>"
            ),
            heading("Who is affected"),
            paragraph(
                "<p>Virtually every country in the world is affected by trafficking for sexual exploitation or forced labour. The challenges for all countries, rich and poor, are to target the criminals who exploit desperate people and to protect trafficking victims.</p>"
            ),
        ],
    },
    {
        "type": "StandardPage",
        "slug": "response",
        "title": "UNODC's Response to Human Trafficking",
        "menu_label": "Our response",
        "show_in_menus": True,
        "summary": (
            "UNODC helps States to draft laws and national anti-trafficking strategies, and assists with resources to "
            "implement them. Its strategy has three components: research and awareness raising; promotion of the "
            "Protocols and capacity-building; partnerships and coordination."
        ),
        "body": [
            paragraph(
                "<p>UNODC offers practical help to States, not only helping to draft laws and create comprehensive national anti-trafficking strategies but also assisting with resources to implement them. States receive specialized assistance including the development of local capacity and expertise, as well as practical tools to encourage cross-border cooperation in investigations and prosecutions.</p>"
                "<p>The adoption in 2000 by the United Nations General Assembly of the Protocol to Prevent, Suppress and Punish Trafficking In Persons, Especially Women and Children marked a significant milestone in international efforts to stop the trade in people. As the guardian of the Protocol, UNODC addresses human trafficking issues through its Global Programme against Trafficking in Persons. To date, more than 147 States have signed and ratified the Protocol. But translating it into reality remains problematic. Very few criminals are convicted and most victims are probably never identified or assisted.</p>"
                "<p>For an overview of UNODC's work in the human trafficking field and the real-life complexities faced by people globally every day, read about:</p>"
                f"<ul><li>{page_link('prevention', 'Prevention of trafficking in persons')}</li>"
                f"<li>{page_link('protection', 'Protection of victims of human trafficking')}</li>"
                f"<li>{page_link('prosecution', 'Prosecution of trafficking offenders')}</li></ul>"
            ),
            heading("A comprehensive strategy"),
            paragraph(
                "<p>Having worked on these issues since the late 1990s, UNODC has issued a comprehensive strategy setting out the complementary nature of UNODC's work in preventing and combating both human trafficking and migrant smuggling, and defining the immediate priorities for UNODC's future action and engagement on these crimes. The new strategy complements UNODC's Thematic Programme Against Transnational Organized Crime And Illicit Trafficking (2011-2013).</p>"
                "<p>As the guardian of the Organized Crime Convention and its Protocols on Trafficking in Persons and Smuggling of Migrants, UNODC plays a leading role in strengthening and coordinating the criminal justice response to both human trafficking and smuggling of migrants.</p>"
                "<p>UNODC's strategic approach to combating trafficking in persons and the smuggling of migrants is founded in the full and effective implementation of the Protocols, and can be best understood as having three interdependent and complementary components:</p>"
            ),
            key_facts(
                "Three complementary components",
                [
                    ("1", "Research and awareness raising"),
                    ("2", "Promotion of the Protocols and capacity-building"),
                    ("3", "The strengthening of partnerships and coordination"),
                ],
            ),
            heading("Research and awareness raising"),
            paragraph(
                "<p>With regards to research and awareness-raising, UNODC will publish the next Global Report on Trafficking in Persons in December 2012, and biennially thereafter. UNODC also produces research and issue papers on trafficking in persons and migrant smuggling and engages in both broad and targeted awareness-raising on these issues, notably through the Blue Heart Campaign against Human Trafficking.</p>"
            ),
            heading("Promotion of the Protocols and capacity-building"),
            paragraph(
                "<p>UNODC's normative work on promoting the Protocols and capacity-building engages with Member States and working-level practitioners in providing legislative assistance, strategic planning and policy development, technical assistance for strengthened criminal justice responses, and protection and support to victims of trafficking in persons and smuggled migrants.</p>"
            ),
            heading("Partnerships and coordination"),
            paragraph(
                "<p>Finally, UNODC initiatives on strengthening partnerships and coordination occur through its participation in inter-agency groups such as ICAT, UN.GIFT and GMG and its management of the UN Trust Fund for Victims of Trafficking in Persons.</p>"
            ),
        ],
    },
    {
        "type": "SectionPage",
        "slug": "prevention",
        "title": "Prevention",
        "theme": "prevention",
        "show_in_menus": True,
        "summary": "Prevention of trafficking in persons: research and information campaigns, reducing what makes people vulnerable to trafficking, and discouraging the demand that fosters exploitation.",
        "body": [
            paragraph(
                "<p>The Trafficking in Persons Protocol asks States to establish comprehensive policies, programmes and other measures to prevent and combat trafficking in persons, and to protect victims, especially women and children, from being victimized again (Article 9).</p>"
                "<p>These include research, information and mass media campaigns and social and economic initiatives; measures to alleviate the factors that make people, especially women and children, vulnerable to trafficking, such as poverty, underdevelopment and lack of equal opportunity; and measures to discourage the demand that fosters all forms of exploitation that leads to trafficking.</p>"
                "<p>UNODC produces research and issue papers on trafficking in persons and migrant smuggling, and engages in both broad and targeted awareness-raising on these issues, notably through the Blue Heart Campaign against Human Trafficking.</p>"
            ),
        ],
    },
    {
        "type": "SectionPage",
        "slug": "protection",
        "title": "Protection",
        "theme": "protection",
        "show_in_menus": True,
        "summary": "Protection of victims of human trafficking: identifying victims and giving them the assistance and support they need.",
        "body": [
            paragraph(
                "<p>Most victims of trafficking are probably never identified or assisted. The Trafficking in Persons Protocol asks States, in appropriate cases, to protect the privacy and identity of victims and to give them information on relevant court and administrative proceedings, and to consider measures for their physical, psychological and social recovery, in particular appropriate housing; counselling and information; medical, psychological and material assistance; and employment, educational and training opportunities (Article 6).</p>"
                "<p>UNODC engages with Member States and working-level practitioners in providing protection and support to victims of trafficking in persons and smuggled migrants, and manages the UN Trust Fund for Victims of Trafficking in Persons.</p>"
            ),
        ],
    },
    {
        "type": "SectionPage",
        "slug": "prosecution",
        "title": "Prosecution",
        "theme": "prosecution",
        "show_in_menus": True,
        "summary": "Prosecution of trafficking offenders: laws that make trafficking a crime and criminal justice systems able to convict traffickers.",
        "body": [
            paragraph(
                "<p>The Trafficking in Persons Protocol requires States to make trafficking in persons, as its Article 3 defines it, a criminal offence (Article 5). Yet very few criminals are convicted. UNODC helps States to draft laws and create comprehensive national anti-trafficking strategies, and engages with Member States and working-level practitioners in providing technical assistance for strengthened criminal justice responses.</p>"
                "<p>States also receive from UNODC practical tools to encourage cross-border cooperation in investigations and prosecutions.</p>"
            ),
        ],
    },
    {
        "type": "InitiativePage",
        "slug": "un-gift",
        "title": "UN.GIFT: the Global Initiative to Fight Human Trafficking",
        "menu_label": "UN.GIFT",
        "show_in_menus": True,
        "summary": (
            "In March 2007, UNODC formally launched the Global Initiative to Fight Human Trafficking (UN.GIFT). It aims "
            "to bring together all actors responding to human trafficking to make a lasting impact on this global issue."
        ),
        # The source gives the month only ("In March 2007"); the page shows month and year, never the day.
        "launch_date": datetime.date(2007, 3, 1),
        "aims_introduction": "In March 2007, UNODC formally launched a Global Initiative to Fight Human Trafficking (UN.GIFT) to:",
        "aims": [
            "Raise awareness and foster commitment to adopt and implement policies to counter trafficking in persons",
            "Increase the knowledge base about human trafficking",
            # The seed text lost this aim's bullet, but it is one of the five.
            "Build and strengthen greater commitment to existing and new partnerships with Governments, the international community, NGOs, the private sector, civil society organizations and the media",
            "Mobilize resources to support action",
            "Implement projects to fight human trafficking on a local, regional and international level",
        ],
        # The one milestone the source names, with its dates. The launch is not one: the source gives no day
        # for it, and a milestone shows its full date ("Launched March 2007" is in the page header instead).
        "milestones": [
            {
                "title": "Vienna Forum to Fight Human Trafficking",
                "start_date": datetime.date(2008, 2, 13),
                "end_date": datetime.date(2008, 2, 15),
            },
        ],
        "website_url": "https://www.ungift.org/",
        "website_link_text": "Visit the UN.GIFT website",
        "body": [
            paragraph(
                "<p>UN.GIFT aims to bring together all actors responding to human trafficking to make a lasting impact on this global issue. A key milestone towards this goal was the Vienna Forum to Fight Human Trafficking held on 13 to 15 February 2008.</p>"
            ),
        ],
    },
    {
        "type": "NewsIndexPage",
        "slug": "news",
        "title": "News and events",
        "show_in_menus": True,
        "summary": "News of UNODC's work against trafficking in persons and the smuggling of migrants, and the meetings and events it holds.",
        # Until items are translated, each language's listing offers the English ones, marked.
        "show_untranslated": True,
        "body": [],
    },
    {
        "type": "PublicationIndexPage",
        "slug": "publications",
        "title": "Publications",
        "show_in_menus": True,
        "summary": "UNODC's reports, toolkits and other publications on trafficking in persons.",
        "show_untranslated": True,
        "body": [],
    },
    {
        "type": "StandardPage",
        "slug": "get-help",
        "title": "Get help",
        "show_in_menus": False,
        "summary": "If you or someone you know may be a victim of trafficking, this is how to get help.",
        "body": [
            paragraph(
                "<p><strong>If you or someone else is in immediate danger, call your local emergency services now.</strong></p>"
                "<p>If you think you or someone you know may be a victim of trafficking, contact your country's national anti-trafficking hotline, the police, or an organization that supports victims of trafficking.</p>"
            ),
            heading("Signs that someone may be a victim"),
            paragraph(
                "<p>Some of the signs that a person may be a victim of trafficking:</p>"
                "<ul><li>they are not allowed to keep their passport or identity papers</li>"
                "<li>they cannot leave their work or home, or are always accompanied</li>"
                "<li>they owe a debt to the person who employs them that they can never pay off</li>"
                "<li>they are afraid of their employer, or of the police</li></ul>"
            ),
            paragraph(f"<p>Before you search further, read {page_link('browse-safely', 'how to browse safely')}.</p>"),
        ],
    },
    {
        "type": "StandardPage",
        "slug": "browse-safely",
        "title": "Browse safely",
        "show_in_menus": False,
        "summary": "How to visit this site while leaving fewer traces on a phone or computer that someone else may check.",
        "body": [
            paragraph(
                "<p>If someone else uses or checks your phone or computer, they may be able to see which websites you have visited. These steps leave fewer traces.</p>"
            ),
            heading("Leave this site quickly"),
            paragraph(
                "<p>Every page has an <strong>Exit this page</strong> button at the top. It takes you straight to a neutral website. If JavaScript is on, pressing the Shift key three times does the same, and the Back button will not return to the page you left. It does not delete this site from your history: see below.</p>"
            ),
            heading("Use a private window"),
            paragraph(
                "<p>Open a private window (called Incognito in Chrome, InPrivate in Edge and Private Browsing in Firefox and Safari). When you close it, the pages you visited are not kept in the browser's history.</p>"
            ),
            heading("Clear your history"),
            paragraph(
                "<p>In the browser's settings, delete the history, cookies and cached files for the time you visited this site. Deleting your whole history can itself be noticed, so you may prefer to delete only recent entries.</p>"
            ),
            heading("Shared devices"),
            paragraph(
                "<ul><li>If you can, use a device that nobody else checks, such as one at a library or a friend's home.</li>"
                "<li>Sign out of any accounts you used, and check emails, messages and call logs you would not want seen.</li>"
                "<li>Someone may have installed tracking software on a device they gave you or can get hold of.</li></ul>"
            ),
        ],
    },
    {
        "type": "StandardPage",
        "slug": "accessibility",
        "title": "Accessibility statement",
        "show_in_menus": False,
        "summary": "How accessible this website is, its known limits, and how to report a problem or ask for another format.",
        "body": [
            paragraph(
                "<p>This website is run by the UNODC Global Programme against Trafficking in Persons. We want as many people as possible to be able to use it.</p>"
            ),
            heading("How accessible this website is"),
            paragraph(
                "<p>We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. Every page is made to work:</p>"
                "<ul><li>without JavaScript</li>"
                "<li>with a keyboard alone</li>"
                "<li>with a screen reader</li>"
                "<li>on a screen 320 pixels wide, and when zoomed in</li>"
                "<li>when printed</li></ul>"
            ),
            heading("Known limits"),
            paragraph(
                "<ul><li>Some publications are PDF files that may not be fully accessible to screen readers.</li>"
                "<li>Not every publication is available in every UN language.</li></ul>"
            ),
            heading("Reporting a problem or asking for another format"),
            paragraph(
                '<p>If you find a problem with this website, or need a publication in another format, contact UNODC through the contact details on the <a href="https://www.unodc.org/">UNODC website</a>, and name the page or publication concerned.</p>'
            ),
        ],
    },
]

# SiteLinks fields and the slugs of the pages they point to.
SITE_LINKS = {"get_help_page": "get-help", "browse_safely_page": "browse-safely", "accessibility_page": "accessibility"}

# Slugs are those of slugify(title). Each date is the one the source's "Latest news" list gives the item.
NEWS = [
    {
        "title": "UNODC holds Expert Group Meeting to Elaborate Basic Training Modules on Preventing and Combating the Smuggling of Migrants",
        "kind": "event",
        # The source gives "30 November - 3 December" without a year. The list runs newest first and every other
        # item is of October-November 2008, so the year is 2008; the body states only what the source does.
        "date": datetime.date(2008, 11, 30),
        "end_date": datetime.date(2008, 12, 3),
        "themes": ["prevention", "prosecution"],
        "summary": "An expert group meeting to elaborate basic training modules on preventing and combating the smuggling of migrants.",
        "body": [
            paragraph(
                "<p>From 30 November to 3 December, UNODC holds an Expert Group Meeting to elaborate basic training modules on preventing and combating the smuggling of migrants.</p>"
            )
        ],
    },
    {
        "title": "UNODC Regional Office for South Asia holds Colloquium on Justice Delivery in India",
        "kind": "news",
        "date": datetime.date(2008, 11, 15),
        "themes": ["prosecution"],
        "summary": "The UNODC Regional Office for South Asia holds a colloquium on justice delivery in India.",
        "body": [
            paragraph(
                "<p>On 15 November 2008, the UNODC Regional Office for South Asia held a colloquium on justice delivery in India.</p>"
            )
        ],
    },
    {
        "title": "UNODC released report on trafficking in Lebanon",
        "kind": "news",
        "date": datetime.date(2008, 10, 20),
        "themes": ["research-and-awareness"],
        "summary": "UNODC has released a report on trafficking in Lebanon.",
        "body": [paragraph("<p>On 20 October 2008, UNODC released a report on trafficking in Lebanon.</p>")],
    },
    {
        "title": "UNODC hosts event to discuss challenges in the delivery of technical assistance",
        "kind": "news",
        "date": datetime.date(2008, 10, 15),
        "themes": ["partnerships"],
        "summary": "UNODC hosts an event to discuss the challenges in the delivery of technical assistance.",
        "body": [
            paragraph(
                "<p>On 15 October 2008, UNODC hosted an event to discuss the challenges in the delivery of technical assistance.</p>"
            )
        ],
    },
    {
        "title": "UNODC releases new Toolkit to combat Trafficking in Persons",
        "kind": "news",
        "date": datetime.date(2008, 10, 9),
        "themes": ["prevention", "protection", "prosecution"],
        "summary": "UNODC has released a new Toolkit to Combat Trafficking in Persons.",
        "body": [paragraph("<p>On 9 October 2008, UNODC released a new Toolkit to Combat Trafficking in Persons.</p>")],
    },
]

# The launch publications are those the sources date: the two whose release the "Latest news" list reports,
# dated as it dates them. The Global Report (only announced, for December 2012), the strategy and the Thematic
# Programme have no date in the sources, and a publication needs one. Their cover and file are samples
# (generate.py), and the loader marks each entry, file and cover as one to be replaced by the published document.
# The slugs were chosen when the loader first ran; changing one would make the loader add a second copy.
PUBLICATIONS = [
    {
        "title": "Toolkit to Combat Trafficking in Persons",
        "slug": "toolkit-to-combat-trafficking-in-persons",
        "publication_type": "toolkit",
        "date": datetime.date(2008, 10, 9),
        "featured": True,
        "featured_order": 1,
        "themes": ["prevention", "protection", "prosecution"],
        "summary": "UNODC released a new Toolkit to Combat Trafficking in Persons on 9 October 2008.",
    },
    {
        "title": "Report on trafficking in Lebanon",
        "slug": "report-on-trafficking-in-persons-in-lebanon",
        "publication_type": "report",
        "date": datetime.date(2008, 10, 20),
        "featured": True,
        "featured_order": 2,
        "themes": ["research-and-awareness"],
        "summary": "UNODC released a report on trafficking in Lebanon on 20 October 2008.",
    },
]

# How the loader marks a sample: the start of its title (publication, document, image) and the tag of its
# document and image, so that the admin's listings show it and the libraries can be filtered by it.
SAMPLE_TITLE_PREFIX = "SAMPLE – "
SAMPLE_TAG = "sample"
# The description of each sample publication, under its summary on the public page.
SAMPLE_NOTE = paragraph(
    "<p><strong>This is a sample entry.</strong> Its cover and PDF file were made when this website was set up: "
    "they are not the published document.</p>"
)
