"""Writes articles.jsonl from the texts below (kept as a script so the prose stays readable)."""

import json
from pathlib import Path

A = []


def art(id, outlet, published, title, text):
    A.append(
        {
            "id": id,
            "outlet": outlet,
            "published": published,
            "title": title,
            "url": f"https://{outlet.lower().replace(' ', '')}.example/{id}",
            "text": text.strip(),
        }
    )


# --- I1: drone strike on the grain terminal in Izmail (2024-06-11) ---------------------------------
WIRE_I1 = """
Russian drones struck a grain terminal in the Ukrainian port of Izmail early on Tuesday, damaging two \
warehouses and injuring four workers, regional officials said.
The governor of the Odesa region said air defences shot down most of the drones, but debris set fire to a \
storage hall holding sunflower seeds.
Izmail, on the Danube across from Romania, has become a key route for Ukrainian grain exports since the \
Black Sea ports were blockaded.
Ukraine's foreign ministry called the attack a deliberate strike on global food security.
"""
art("i1-wire", "Northline Wire", "2024-06-11", "Russian drones hit Danube grain terminal", WIRE_I1)
art(
    "i1-local",
    "Danube Herald",
    "2024-06-12",
    "Fire at Izmail terminal after night attack",
    """
Firefighters in Izmail worked until dawn on Tuesday to put out a blaze at the river grain terminal after a \
night drone attack by Russia.
Four dock workers were taken to the city hospital with burns and cuts, the city council said. Two warehouses \
were badly damaged.
Residents near the port said they heard at least six explosions shortly after 3 a.m.
The terminal's owner said loading would resume within a week.
""",
)
art(
    "i1-blog",
    "Black Sea Monitor",
    "2024-06-13",
    "Re-post: drones hit Izmail grain terminal",
    """
Via Northline Wire:
Russian drones struck a grain terminal in the Ukrainian port of Izmail early on Tuesday, damaging two \
warehouses and injuring four workers, regional officials said.
The governor of the Odesa region said air defences shot down most of the drones, but debris set fire to a \
storage hall holding sunflower seeds.
Izmail, on the Danube across from Romania, has become a key route for Ukrainian grain exports since the \
Black Sea ports were blockaded.
Our take: expect insurance rates for Danube shipping to rise again.
""",
)
# distractor: a different strike, Odesa city port, next day
art(
    "d1-wire",
    "Northline Wire",
    "2024-06-13",
    "Missile strike hits Odesa port",
    """
A Russian missile hit the port of Odesa on Wednesday evening, killing two people and damaging a container \
crane, Ukrainian officials said.
The strike came a day after drones attacked a grain terminal further south on the Danube.
The regional governor said rescuers were still searching the site on Thursday morning.
""",
)

# --- I2: police arrest protesters in Nairobi (2024-07-02) -------------------------------------------
art(
    "i2-wire",
    "Northline Wire",
    "2024-07-02",
    "Kenyan police arrest dozens at Nairobi tax protest",
    """
Kenyan police arrested at least 40 protesters in central Nairobi on Tuesday as thousands marched against a \
proposed finance bill, a police spokesman said.
Officers fired tear gas near parliament when demonstrators tried to break through a cordon.
The Law Society of Kenya said several of those detained were held without charge overnight.
""",
)
art(
    "i2-local",
    "Nairobi Evening Star",
    "2024-07-03",
    "City centre chaos as police detain marchers",
    """
More than forty young people were detained by police along Moi Avenue in Nairobi during Tuesday's march \
against new taxes.
Shop owners pulled down their shutters as clouds of tear gas drifted across the city centre.
Parents gathered outside Central Police Station on Wednesday morning demanding to see their children.
""",
)
art(
    "i2-ngo",
    "Rights Watch Africa Blog",
    "2024-07-04",
    "Arbitrary detentions in Nairobi must end",
    """
We are alarmed by the mass arrests of peaceful demonstrators by the Kenya Police Service in Nairobi on 2 July.
According to lawyers we spoke to, at least 43 people were arrested and some were denied access to counsel.
We call on the Kenyan authorities to release everyone held solely for exercising the right to protest.
""",
)
# distractor: arrests in Mombasa the next day
art(
    "d2-local",
    "Coast Weekly",
    "2024-07-04",
    "Mombasa police detain protesters at port gate",
    """
Police in Mombasa arrested 12 protesters on Wednesday outside the main port gate, where dock workers had \
joined demonstrations against the finance bill.
The county police commander said those arrested had blocked the road to the container terminal.
""",
)

# --- I3: Chinese coast guard rams a Philippine supply boat at Sabina Shoal (2024-08-19) -------------
art(
    "i3-wire",
    "Northline Wire",
    "2024-08-19",
    "Philippines says Chinese ship rammed its vessel",
    """
A Chinese coast guard ship rammed a Philippine supply vessel near Sabina Shoal in the South China Sea on \
Monday, the Philippine coast guard said.
The collision left a hole in the hull of the BRP Datu Sanday, which was carrying fuel and food to fishermen, \
a spokesman said.
China's coast guard said the Philippine boat had entered Chinese waters and that it took "necessary control \
measures".
""",
)
art(
    "i3-local",
    "Palawan Courier",
    "2024-08-20",
    "Supply boat limps back to Puerto Princesa",
    """
The damaged government supply boat returned to Puerto Princesa on Tuesday, a day after it was rammed by a \
Chinese coast guard vessel at Sabina Shoal.
Crew members said the larger Chinese ship approached at speed and struck the port side twice.
Local fishing groups said they were afraid to go back to the shoal.
""",
)
art(
    "i3-analysis",
    "Maritime Affairs Review",
    "2024-08-21",
    "Ramming at Sabina marks a new escalation",
    """
Monday's ramming of a Philippine vessel by the China Coast Guard at Sabina Shoal is the third such collision \
this year.
Analysts say Beijing is testing how far Manila's defence treaty with Washington really reaches.
The Philippine foreign ministry has summoned the Chinese ambassador over the incident.
""",
)
# distractor: China vs Vietnam at the Paracels, next day
art(
    "d3-wire",
    "Northline Wire",
    "2024-08-21",
    "Vietnam says Chinese ships attacked its fishermen",
    """
Chinese coast guard ships fired water cannon at Vietnamese fishing boats near the Paracel Islands on Tuesday \
and injured three fishermen, Vietnam's foreign ministry said.
Hanoi demanded that Beijing compensate the crews and stop what it called violent acts against Vietnamese \
fishermen.
""",
)

# --- I4: EU sanctions Belarusian officials (2024-05-27) ---------------------------------------------
art(
    "i4-wire",
    "Northline Wire",
    "2024-05-27",
    "EU sanctions Belarus judges over political trials",
    """
The European Union on Monday imposed sanctions on 20 Belarusian judges and prison officials over the \
treatment of political prisoners, freezing their assets and banning them from travel to the bloc.
EU foreign ministers meeting in Brussels said the measures targeted those responsible for "sham trials" \
against opposition figures.
""",
)
art(
    "i4-local",
    "Minsk Exile Post",
    "2024-05-28",
    "Brussels blacklists twenty Belarusian officials",
    """
Twenty judges and prison chiefs from Belarus were added to the European Union's sanctions list in Brussels \
on Monday.
Opposition leader in exile said the decision showed that those who jail dissidents would be held to account.
Belarus's foreign ministry called the sanctions illegal and promised a response.
""",
)
# distractor: UK sanctions Belarusian officials, next day
art(
    "d4-wire",
    "Northline Wire",
    "2024-05-28",
    "Britain sanctions Belarus security officials",
    """
Britain on Tuesday imposed sanctions on eight Belarusian security officials it accused of torturing detained \
protesters, the Foreign Office said in London.
The measures freeze any assets they hold in the United Kingdom.
""",
)

# --- I5: Colombia and the ELN agree to extend a ceasefire (2024-02-06) -------------------------------
art(
    "i5-wire",
    "Northline Wire",
    "2024-02-06",
    "Colombia and ELN rebels extend ceasefire",
    """
Colombia's government and the ELN rebel group agreed on Tuesday to extend their bilateral ceasefire by six \
months, negotiators said at the end of talks in Havana.
Both sides also agreed to set up a fund for communities affected by the conflict.
The ceasefire, first agreed last August, was due to expire next week.
""",
)
art(
    "i5-local",
    "Bogota Daily",
    "2024-02-07",
    "Ceasefire with ELN extended after Havana talks",
    """
Government negotiators and the National Liberation Army signed an agreement in Havana on Tuesday night \
extending the truce until August.
The chief government negotiator called it "a step towards peace in the regions that have suffered most".
In Arauca, community leaders welcomed the news but said attacks on social leaders had not stopped.
""",
)
art(
    "i5-blog",
    "Andes Peace Notes",
    "2024-02-08",
    "What the ELN truce extension means",
    """
The six-month extension of the ceasefire between Colombia and the ELN, agreed in Havana this week, buys time \
for the hardest part of the talks: the participation of civil society.
The new fund for conflict-affected communities is the first concrete economic commitment of the process.
""",
)
# distractor: Venezuela and Guyana agree (same type) next day elsewhere
art(
    "d5-wire",
    "Northline Wire",
    "2024-02-08",
    "Venezuela and Guyana agree to avoid force",
    """
Venezuela and Guyana agreed on Thursday not to use force against each other in their dispute over the \
Essequibo region, after talks in Kingstown, St Vincent.
The two presidents also agreed to set up a joint commission of foreign ministers.
""",
)

# --- I6: RSF shelling of El Fasher market (2024-05-11) ----------------------------------------------
WIRE_I6 = """
Shelling by Sudan's paramilitary Rapid Support Forces hit the main market of El Fasher in North Darfur on \
Saturday, killing at least 15 civilians, medics said.
The city, the last in Darfur held by the army, has been surrounded by the RSF for weeks.
A doctor at the southern hospital said the wounded included women and children.
"""
art("i6-wire", "Northline Wire", "2024-05-11", "RSF shelling kills 15 in El Fasher market", WIRE_I6)
art(
    "i6-repost",
    "Sudan Today Online",
    "2024-05-12",
    "El Fasher market shelled",
    """
Shelling by Sudan's paramilitary Rapid Support Forces hit the main market of El Fasher in North Darfur on \
Saturday, killing at least 15 civilians, medics said.
The city, the last in Darfur held by the army, has been surrounded by the RSF for weeks.
A doctor at the southern hospital said the wounded included women and children.
Sudan Today will publish updates as they come in.
""",
)
art(
    "i6-ngo",
    "Darfur Relief Blog",
    "2024-05-13",
    "Our team in El Fasher after the market attack",
    """
On Saturday the RSF shelled the crowded market in El Fasher while our staff were buying supplies. Two of our \
volunteers were hurt.
Our clinic treated 38 wounded people that afternoon. We urge all parties to stop using explosive weapons in \
populated areas.
""",
)
# distractor: RSF attack on a village in Gezira, next day
art(
    "d6-wire",
    "Northline Wire",
    "2024-05-12",
    "RSF fighters attack village in Gezira state",
    """
Fighters of the Rapid Support Forces attacked a village near Wad Madani in Gezira state on Sunday, killing \
11 villagers, a local resistance committee said.
The RSF has controlled Wad Madani since December.
""",
)

Path(__file__).with_name("articles.jsonl").write_text(
    "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in A), encoding="utf-8"
)
