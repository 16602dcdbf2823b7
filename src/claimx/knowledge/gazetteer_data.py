"""The gazetteer's hand-made tables (see `claimx.knowledge.gazetteer` for how they are used): English short forms
and news spellings of places, nationality words, and names the sources hold that are far more often
something else in English news. The cache key of the built index covers this file (and `calendar.py`,
whose month and weekday names it keeps out)."""

from __future__ import annotations

from typing import Literal

from claimx.knowledge.calendar import MONTHS, WEEKDAY_ABBREVIATIONS, WEEKDAYS

PlaceKind = Literal["country", "region", "city", "continent"]

# Hand table: (names separated by "|", canonical name, kind, country).
# Names written in capitals without lower case are acronyms (see docstring).
EXTRA_PLACES: tuple[tuple[str, str, PlaceKind, str | None], ...] = (
    ("US|U.S.|USA|U.S.A.|United States|United States of America|America", "United States", "country", "US"),
    ("UK|U.K.|Britain|Great Britain|United Kingdom", "United Kingdom", "country", "GB"),
    ("England", "England", "region", "GB"),
    ("Scotland", "Scotland", "region", "GB"),
    ("Wales", "Wales", "region", "GB"),
    ("Northern Ireland", "Northern Ireland", "region", "GB"),
    ("UAE|U.A.E.", "United Arab Emirates", "country", "AE"),
    ("Russia|Russian Federation", "Russia", "country", "RU"),
    ("South Korea", "South Korea", "country", "KR"),
    ("North Korea|DPRK", "North Korea", "country", "KP"),
    ("Iran", "Iran", "country", "IR"),
    ("Syria", "Syria", "country", "SY"),
    ("Vietnam|Viet Nam", "Vietnam", "country", "VN"),
    ("Laos", "Laos", "country", "LA"),
    ("Bolivia", "Bolivia", "country", "BO"),
    ("Venezuela", "Venezuela", "country", "VE"),
    ("Tanzania", "Tanzania", "country", "TZ"),
    ("Taiwan", "Taiwan", "country", "TW"),
    ("Palestine|State of Palestine|Palestinian Territories|Palestinian Territory", "Palestine", "country", "PS"),
    ("Gaza|Gaza Strip", "Gaza", "region", "PS"),
    ("West Bank", "West Bank", "region", "PS"),
    ("Kosovo", "Kosovo", "country", "XK"),
    ("Ivory Coast|Cote d'Ivoire", "Ivory Coast", "country", "CI"),
    ("Czech Republic|Czechia", "Czechia", "country", "CZ"),
    ("Turkey|Turkiye", "Turkey", "country", "TR"),
    ("Holland|Netherlands", "The Netherlands", "country", "NL"),
    ("Burma", "Myanmar", "country", "MM"),
    ("Swaziland", "Eswatini", "country", "SZ"),
    ("Macedonia", "North Macedonia", "country", "MK"),
    ("Vatican|Vatican City|Holy See", "Vatican", "country", "VA"),
    ("DRC|DR Congo|Congo-Kinshasa", "Democratic Republic of the Congo", "country", "CD"),
    ("Soviet Union|USSR", "Soviet Union", "country", None),
    ("Yugoslavia", "Yugoslavia", "country", None),
    ("Washington|Washington DC|Washington D.C.", "Washington", "city", "US"),
    ("New York|New York City|NYC", "New York City", "city", "US"),
    ("The Hague", "The Hague", "city", "NL"),
    ("Delhi", "Delhi", "city", "IN"),
    ("New Delhi", "New Delhi", "city", "IN"),
    ("Bethlehem", "Bethlehem", "city", "PS"),
    ("Chittagong", "Chattogram", "city", "BD"),
    ("Comilla", "Cumilla", "city", "BD"),
    ("Jessore", "Jashore", "city", "BD"),
    ("Barisal", "Barishal", "city", "BD"),
    ("Bombay", "Mumbai", "city", "IN"),
    ("Calcutta", "Kolkata", "city", "IN"),
    ("Madras", "Chennai", "city", "IN"),
    ("Bangalore|Bengaluru", "Bengaluru", "city", "IN"),
    ("Vizag|Visakhapatnam", "Visakhapatnam", "city", "IN"),
    ("Cochin", "Kochi", "city", "IN"),
    ("Kyiv|Kiev", "Kyiv", "city", "UA"),
    ("Odesa|Odessa", "Odesa", "city", "UA"),
    ("Khan Younis|Khan Yunis", "Khan Younis", "city", "PS"),
    ("Darfur", "Darfur", "region", "SD"),
    ("Peking", "Beijing", "city", "CN"),
    ("Saigon|Ho Chi Minh City", "Ho Chi Minh City", "city", "VN"),
    ("Rangoon", "Yangon", "city", "MM"),
    ("Kashmir", "Kashmir", "region", None),
    ("Punjab", "Punjab", "region", None),
    ("Bengal", "Bengal", "region", None),
    ("Kurdistan", "Kurdistan", "region", None),
    ("Tibet", "Tibet", "region", "CN"),
    ("Crimea", "Crimea", "region", "UA"),
    ("Donbas|Donbass", "Donbas", "region", "UA"),
    ("Africa", "Africa", "continent", None),
    ("Europe", "Europe", "continent", None),
    ("Asia", "Asia", "continent", None),
    ("North America", "North America", "continent", None),
    ("South America", "South America", "continent", None),
    ("Oceania", "Oceania", "continent", None),
    ("Antarctica", "Antarctica", "continent", None),
    ("Middle East|Mideast", "Middle East", "region", None),
    ("Near East", "Near East", "region", None),
    ("Far East", "Far East", "region", None),
    ("South Asia", "South Asia", "region", None),
    ("Southeast Asia|South-East Asia", "Southeast Asia", "region", None),
    ("East Asia", "East Asia", "region", None),
    ("Central Asia", "Central Asia", "region", None),
    ("Latin America", "Latin America", "region", None),
    ("Central America", "Central America", "region", None),
    ("Caribbean", "Caribbean", "region", None),
    ("Balkans", "Balkans", "region", None),
    ("Caucasus", "Caucasus", "region", None),
    ("Scandinavia", "Scandinavia", "region", None),
    ("Eastern Europe", "Eastern Europe", "region", None),
    ("Western Europe", "Western Europe", "region", None),
    ("Sub-Saharan Africa", "Sub-Saharan Africa", "region", None),
    ("West Africa", "West Africa", "region", None),
    ("East Africa", "East Africa", "region", None),
    ("North Africa", "North Africa", "region", None),
    ("Horn of Africa", "Horn of Africa", "region", None),
    ("Sahel", "Sahel", "region", None),
    ("Gulf|Persian Gulf|Arabian Gulf", "Gulf", "region", None),
    ("Levant", "Levant", "region", None),
    ("Indo-Pacific", "Indo-Pacific", "region", None),
    ("Arctic", "Arctic", "region", None),
)

# Nationality and people words -> alpha-2 ("-": no single country). Plurals
# are derived (see _plural). "Laotian", not "Lao": its plural is a country.
NATIONALITIES = """
Afghan:AF Albanian:AL Algerian:DZ American:US Angolan:AO Argentine:AR
Argentinian:AR Armenian:AM Australian:AU Austrian:AT Azerbaijani:AZ
Bahraini:BH Bangladeshi:BD Belarusian:BY Belgian:BE Beninese:BJ Bhutanese:BT
Bolivian:BO Bosnian:BA Brazilian:BR British:GB Briton:GB Bruneian:BN
Bulgarian:BG Burkinabe:BF Burmese:MM Burundian:BI Cambodian:KH
Cameroonian:CM Canadian:CA Chadian:TD Chilean:CL Chinese:CN Colombian:CO
Congolese:- Croatian:HR Cuban:CU Cypriot:CY Czech:CZ Dane:DK Danish:DK
Djiboutian:DJ Dominican:DO Dutch:NL Ecuadorian:EC Egyptian:EG Emirati:AE
English:GB Eritrean:ER Estonian:EE Ethiopian:ET Fijian:FJ Filipina:PH
Filipino:PH Finn:FI Finnish:FI French:FR Gambian:GM Georgian:GE German:DE
Ghanaian:GH Greek:GR Guatemalan:GT Guinean:GN Haitian:HT Honduran:HN
Hungarian:HU Icelandic:IS Indian:IN Indonesian:ID Iranian:IR Iraqi:IQ
Irish:IE Israeli:IL Italian:IT Ivorian:CI Jamaican:JM Japanese:JP
Jordanian:JO Kazakh:KZ Kenyan:KE Korean:- Kosovar:XK Kuwaiti:KW Kyrgyz:KG
Laotian:LA Latvian:LV Lebanese:LB Liberian:LR Libyan:LY Lithuanian:LT
Macedonian:MK Malagasy:MG Malawian:MW Malaysian:MY Maldivian:MV Malian:ML
Maltese:MT Mauritanian:MR Mexican:MX Moldovan:MD Mongolian:MN Montenegrin:ME
Moroccan:MA Mozambican:MZ Namibian:NA Nepalese:NP Nepali:NP Nicaraguan:NI
Nigerian:NG Nigerien:NE North_Korean:KP Norwegian:NO Omani:OM Pakistani:PK
Palestinian:PS Panamanian:PA Paraguayan:PY Peruvian:PE Pole:PL Polish:PL
Portuguese:PT Qatari:QA Romanian:RO Russian:RU Rwandan:RW Salvadoran:SV
Saudi:SA Scot:GB Scottish:GB Senegalese:SN Serb:RS Serbian:RS
Sierra_Leonean:SL Singaporean:SG Slovak:SK Slovenian:SI Somali:SO
South_African:ZA South_Korean:KR South_Sudanese:SS Spaniard:ES Spanish:ES
Sri_Lankan:LK Sudanese:SD Swede:SE Swedish:SE Swiss:CH Syrian:SY
Taiwanese:TW Tajik:TJ Tanzanian:TZ Thai:TH Togolese:TG Tunisian:TN Turk:TR
Turkish:TR Turkmen:TM Ugandan:UG Ukrainian:UA Uruguayan:UY Uzbek:UZ
Venezuelan:VE Vietnamese:VN Welsh:GB Yemeni:YE Zambian:ZM Zimbabwean:ZW
Arab:- Kurd:- Kurdish:- Rohingya:- Pashtun:- Baloch:- Uyghur:- Uighur:-
European:- African:- Asian:- Latin_American:-
"""
NO_PLURAL_ENDINGS = ("ese", "sh", "ch", "ss", "y", "s")


# Town, subdivision or alternate names in the sources that are far more
# often something else in English news. Compared after normalisation; they
# filter cities and subdivisions only, never countries or the hand table.
STOP_WORDS = frozenset(
    """
army navy police chief general president obama union federal mission temple
of can man most split along manage marks normal reading bath nice van male
sale mobile orange spring springs forest enterprise independence surprise
paradise vista sunrise imperial reservoir delta turbo magenta panorama
corona metro mango lime logos tango soul vine lion bella tunes pristine solo
punch begun athena nico sophia aman dual gold hang hub lone rest roles
shaping sine pueblo billings concord columbia meridian orion brick jupiter
colon resid tars monster bilbo torin sama mage bono tall
nokia ajax batman toyota hitachi honda benfica santos
north south east west central centrale coast bay lakes plateau plateaux
rivers lac lacs est nord norte sul midlands cascade cascades canaries balkan
leste unity chin tata zaire volta sila mus tak tov boe bua bam yap uvs eua
ewa lau oio lemba seno soum moka mara nan
david george mary ann nancy elizabeth gloria teresa victoria charlotte regina
madison lori isabel carmel chelsea austin brandon tyler douglas lawrence
bryan logan wayne eugene preston hayward gilbert henderson warren irving
chandler lincoln jackson hamilton allen carson frederick kent garcia davis
aurora leon rodriguez lopez anderson taylor moore martin perez young torres flores
nelson rivera morales rogers ramos richardson mendoza herrera duarte roman
lucas marco miranda newton barry kendall montgomery norman franklin casper
savannah
""".split()
)
# Month and weekday names and their short forms: never a place, whatever a source says.
CALENDAR_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | WEEKDAY_ABBREVIATIONS
