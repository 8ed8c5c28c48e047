"""What schema.org says about the programme: the publisher of every item, and what each model adds."""

ORGANIZATION = {
    "@type": "Organization",
    "name": "UNODC Global Programme against Trafficking in Persons",
    "url": "https://www.unodc.org/",
    "parentOrganization": {"@type": "Organization", "name": "United Nations Office on Drugs and Crime"},
}
