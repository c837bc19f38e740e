"""What the scaffold knows about an ISO 3166 code: its English name and its atlas region.

World regions after the UN M49 grouping, folded into the atlas's six regions
(Cyprus is counted in Europe). Territories without a settled population
(Antarctica, Bouvet Island, Heard and McDonald Islands, South Georgia) are left
out on purpose: `new` then asks the contributor to choose.
"""

from __future__ import annotations

import re

from generator.data.iso import iso_name

_REGION_CODES = {
    "Africa": """
        ao bf bi bj bw cd cf cg ci cm cv dj dz eg eh er et ga gh gm gn gq gw io ke km lr
        ls ly ma mg ml mr mu mw mz na ne ng re rw sc sd sh sl sn so ss st sz td tf tg tn
        tz ug yt za zm zw""",
    "Asia": """
        ae af am az bd bh bn bt cn ge hk id il in iq ir jo jp kg kh kp kr kw kz la lb lk
        mm mn mo mv my np om ph pk ps qa sa sg sy th tj tl tm tr tw uz vn ye""",
    "Europe": """
        ad al at ax ba be bg by ch cy cz de dk ee es fi fo fr gb gg gi gr hr hu ie im is it
        je li lt lu lv mc md me mk mt nl no pl pt ro rs ru se si sj sk sm ua va""",
    "Latin America and the Caribbean": """
        ag ai ar aw bb bl bo bq br bs bz cl co cr cu cw dm do ec fk gd gf gp gt gy hn ht jm
        kn ky lc mf mq ms mx ni pa pe pr py sr sv sx tc tt uy vc ve vg vi""",
    "North America": "bm ca gl pm us",
    "Oceania": """
        as au cc ck cx fj fm gu ki mh mp nc nf nr nu nz pf pg pn pw sb tk to tv um vu wf ws""",
}
COUNTRY_REGION = {code: region for region, codes in _REGION_CODES.items() for code in codes.split()}

# Subdivisions that lie in another region than their country: ISO 3166-2 lists
# these overseas territories both as subdivisions and under their own
# ISO 3166-1 code, whose region they take.
OVERSEAS = {
    "us-as": "as", "us-gu": "gu", "us-mp": "mp", "us-pr": "pr", "us-um": "um", "us-vi": "vi",
    "fr-971": "gp", "fr-972": "mq", "fr-973": "gf", "fr-974": "re", "fr-976": "yt",
    "fr-bl": "bl", "fr-mf": "mf", "fr-nc": "nc", "fr-pf": "pf", "fr-pm": "pm", "fr-tf": "tf",
    "fr-wf": "wf", "nl-aw": "aw", "nl-cw": "cw", "nl-sx": "sx",
    "nl-bq1": "bq", "nl-bq2": "bq", "nl-bq3": "bq",
}


def region_for(code: str) -> str | None:
    """The atlas region of an ISO code, or None when it has to be chosen by hand."""
    code = OVERSEAS.get(code, code)
    return COUNTRY_REGION.get(code.split("-")[0])


def english_name(code: str) -> str:
    """pycountry's name, without the bracketed alternative spellings of ISO 3166-2."""
    name = iso_name(code) or code
    return re.sub(r"\s*\[[^\]]*\]", "", name).strip()
