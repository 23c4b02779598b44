package board

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/ids"
)

// demoListing is one offer or request of the demo: who posts it (a person
// by handle, on behalf of an organisation by handle or not), where, in
// which language, how long ago, and whether it is done.
type demoListing struct {
	handle, user, org  string
	kind               Kind
	category           string
	lang               string
	speaks             []string
	postcode, place    string
	title, description string
	when               WhenKind
	inDays, forDays    int // when: from today+inDays, for forDays more (range)
	qty                int
	vis                Visibility
	age                int // days since it was posted
	life               int // lifetime in days; 0 means DefaultLifetimeDays
	status             Status
}

// demoListings are offers and requests around Kassel by the demo people and
// organisations, in the platform's languages.
var demoListings = []demoListing{
	// German
	{handle: "bike_offer", user: "volunteer", kind: Offer, category: "goods.bicycles", lang: "de", speaks: []string{"de", "en"},
		postcode: "34121", place: "Kassel", title: "Damenfahrrad mit Licht und Schloss abzugeben", qty: 1, vis: Public, age: 2,
		description: "Mein altes Damenfahrrad (28 Zoll, 7 Gänge) sucht ein neues Zuhause. Licht und Schloss sind dabei, die Bremsen sind neu.\n\nAbholung in Wehlheiden, gerne am Wochenende."},
	{handle: "german_tandem", user: "volunteer", kind: Offer, category: "german_lessons.conversation", lang: "de", speaks: []string{"de", "en", "fr"},
		postcode: "34117", place: "Kassel", title: "Sprachtandem: Deutsch üben beim Spaziergang", when: WhenRegularly, vis: Public, age: 5,
		description: "Ich bin Student und möchte einmal pro Woche mit jemandem Deutsch sprechen, der es im Alltag üben will. Wir können spazieren gehen oder uns in der Stadtbibliothek treffen.\nIch lerne gern ein paar Wörter Arabisch oder Persisch dazu."},
	{handle: "homework_volunteers", user: "agency", org: "agency", kind: Request, category: "children.homework", lang: "de", speaks: []string{"de", "en"},
		postcode: "34127", place: "Kassel", title: "Ehrenamtliche für die Hausaufgabenhilfe in Nord-Holland gesucht", when: WhenRegularly, vis: Public, age: 3, life: 60,
		description: "Für unsere Hausaufgabenhilfe im Stadtteilzentrum suchen wir Menschen, die Grundschulkindern zweimal pro Woche (Montag und Mittwoch, 15–17 Uhr) beim Lesen, Schreiben und Rechnen helfen.\n\nEine Einführung und Begleitung durch unser Team gibt es dazu."},
	{handle: "welcome_cafe", user: "agency", org: "agency", kind: Request, category: "volunteering.events", lang: "de", speaks: []string{"de", "en", "fr"},
		postcode: "34117", place: "Kassel", title: "Helfende für das Willkommenscafé am Samstag", when: WhenDate, inDays: 9, vis: Public, age: 1,
		description: "Für unser Willkommenscafé suchen wir noch drei Menschen, die Kuchen backen, Tische aufbauen oder einfach mit den Gästen ins Gespräch kommen."},
	{handle: "clothing_room", user: "agency", org: "agency", kind: Request, category: "volunteering.distribution", lang: "de", speaks: []string{"de"},
		postcode: "34123", place: "Kassel", title: "Kleiderkammer sucht Unterstützung beim Sortieren", when: WhenRegularly, vis: Public, age: 12, life: 90,
		description: "Jeden Donnerstagvormittag sortieren wir Spenden und geben Kleidung aus. Wer zwei, drei Stunden Zeit hat, ist herzlich willkommen – auch ohne Erfahrung."},
	{handle: "moving_help_offer", user: "volunteer", kind: Offer, category: "everyday.moving", lang: "de", speaks: []string{"de", "en"},
		postcode: "34128", place: "Kassel", title: "Helfe beim Umzug mit kräftigen Armen", vis: Public, age: 6,
		description: "Ich habe an Samstagen Zeit und helfe gern beim Tragen von Möbeln und Kisten. Ein Auto habe ich leider nicht."},
	{handle: "washing_machine", user: "municipality", kind: Offer, category: "goods.household", lang: "de", speaks: []string{"de"},
		postcode: "34246", place: "Vellmar", title: "Waschmaschine, funktionstüchtig, zu verschenken", qty: 1, vis: Public, age: 4,
		description: "Waschmaschine, fünf Jahre alt, läuft einwandfrei. Sie muss in Vellmar abgeholt werden; beim Heruntertragen helfe ich."},
	{handle: "authority_escort_request", user: "municipality", org: "municipality", kind: Request, category: "translation.authorities", lang: "de", speaks: []string{"de", "en", "ar", "fa", "uk", "tr"},
		postcode: "34117", place: "Kassel", title: "Sprachmittlerinnen und Sprachmittler für Termine im Bürgerbüro", when: WhenRegularly, vis: Public, age: 8, life: 90,
		description: "Das Büro für Integration sucht Ehrenamtliche, die Neuangekommene zu Terminen im Bürgerbüro begleiten und dolmetschen – besonders auf Arabisch, Dari, Tigrinya und Ukrainisch.\n\nEine Aufwandsentschädigung ist möglich."},
	{handle: "sewing_machine_offer", user: "agency", kind: Offer, category: "leisure.creative", lang: "de", speaks: []string{"de"},
		postcode: "34131", place: "Kassel", title: "Nähmaschine zum Ausleihen", vis: Members, age: 10,
		description: "Ich leihe meine Nähmaschine für ein paar Wochen aus und zeige gern, wie sie funktioniert."},
	{handle: "flat_search_help", user: "volunteer", kind: Offer, category: "housing.flat_search", lang: "de", speaks: []string{"de", "en"},
		postcode: "34119", place: "Kassel", title: "Unterstützung bei der Wohnungssuche", vis: Public, age: 14, life: 60,
		description: "Ich helfe dabei, Wohnungsanzeigen zu verstehen, Bewerbungen an Vermieter zu schreiben und zu Besichtigungen mitzugehen."},
	{handle: "swimming_course", user: "municipality", org: "municipality", kind: Offer, category: "leisure.swimming", lang: "de", speaks: []string{"de", "en"},
		postcode: "34225", place: "Baunatal", title: "Schwimmkurs für Frauen im Aquapark Baunatal", when: WhenRange, inDays: 14, forDays: 49, qty: 12, vis: Public, age: 2, life: 45,
		description: "Acht Termine, jeweils dienstags am Abend, nur für Frauen, mit Trainerin. Badekleidung kann gestellt werden. Anmeldung über eine Antwort hier."},
	{handle: "laptop_request", user: "agency", org: "agency", kind: Request, category: "goods.electronics", lang: "de", speaks: []string{"de"},
		postcode: "34117", place: "Kassel", title: "Gebrauchte Laptops für den Computerkurs gesucht", qty: 6, vis: Public, age: 20,
		description: "Für unseren Computerkurs für Geflüchtete suchen wir gebrauchte, funktionierende Laptops. Wir löschen die Festplatten fachgerecht."},
	{handle: "driving_theory", user: "volunteer", kind: Offer, category: "mobility.driving_lessons", lang: "de", speaks: []string{"de"},
		postcode: "34253", place: "Lohfelden", title: "Lernhilfe für die Führerschein-Theorie", when: WhenRegularly, vis: Public, age: 9,
		description: "Ich erkläre die Fragen der Theorieprüfung in einfachem Deutsch und übe mit dir die Verkehrszeichen."},
	{handle: "garden_helpers", user: "municipality", kind: Request, category: "leisure.meetups", lang: "de", speaks: []string{"de"},
		postcode: "34260", place: "Kaufungen", title: "Mitgärtnern im Gemeinschaftsgarten Kaufungen", when: WhenRegularly, vis: Public, age: 16, life: 60,
		description: "Unser Gemeinschaftsgarten freut sich über neue Leute, die säen, gießen und ernten möchten. Gartenerfahrung ist nicht nötig."},
	{handle: "bike_repair_workshop", user: "agency", org: "agency", kind: Offer, category: "mobility.bike_repair", lang: "de", speaks: []string{"de", "en"},
		postcode: "34125", place: "Kassel", title: "Offene Fahrradwerkstatt jeden Freitag", when: WhenRegularly, vis: Public, age: 27,
		description: "Unter Anleitung reparierst du dein Fahrrad selbst. Werkzeug und häufige Ersatzteile sind da."},
	{handle: "winter_jackets", user: "volunteer", kind: Request, category: "goods.clothing", lang: "de", speaks: []string{"de"},
		postcode: "34134", place: "Kassel", title: "Winterjacken für Kinder (Größe 110–140) gesucht", qty: 5, vis: Public, age: 25, status: Fulfilled,
		description: "Für drei Familien in der Unterkunft in Niederzwehren suchen wir warme Winterjacken."},
	{handle: "hearing_preparation", user: "municipality", org: "municipality", kind: Offer, category: "legal_advice.hearing", lang: "de", speaks: []string{"de", "en", "ar", "fa"},
		postcode: "34117", place: "Kassel", title: "Vorbereitung auf die Anhörung im Asylverfahren", vis: Verified, age: 11, life: 90,
		description: "Vertrauliche Beratung durch geschulte Ehrenamtliche in Zusammenarbeit mit der Verfahrensberatung. Nur für Fachkräfte und Ehrenamtliche geprüfter Organisationen sichtbar, die Ratsuchende begleiten."},
	{handle: "kita_place_help", user: "agency", kind: Offer, category: "children.daycare", lang: "de", speaks: []string{"de"},
		postcode: "34130", place: "Kassel", title: "Hilfe bei der Anmeldung für einen Kita-Platz", vis: Public, age: 7,
		description: "Ich kenne mich mit dem Anmeldeportal der Stadt aus und helfe beim Ausfüllen."},
	{handle: "christmas_party", user: "agency", org: "agency", kind: Request, category: "volunteering.short_term", lang: "de", speaks: []string{"de"},
		postcode: "34346", place: "Hann. Münden", title: "Zwei Stunden beim Nachbarschaftsfest in Hann. Münden helfen", when: WhenDate, inDays: 4, vis: Public, age: 3,
		description: "Für den Auf- und Abbau beim Nachbarschaftsfest brauchen wir noch kurzfristig Hände."},
	{handle: "stroller_offer", user: "volunteer", kind: Offer, category: "goods.baby", lang: "de", speaks: []string{"de"},
		postcode: "34233", place: "Fuldatal", title: "Kinderwagen und Babyschale zu verschenken", qty: 1, vis: Public, age: 29, status: Fulfilled,
		description: "Gut erhaltener Kinderwagen mit Babyschale, frisch gewaschen."},
	{handle: "bank_account_help", user: "volunteer", kind: Offer, category: "everyday.finances", lang: "de", speaks: []string{"de", "en"},
		postcode: "34117", place: "Kassel", title: "Begleitung zur Bank: Konto eröffnen", vis: Public, age: 28,
		description: "Ich gehe mit zur Bank, erkläre die Unterlagen und helfe beim Basiskonto."},
	{handle: "sport_club", user: "agency", kind: Offer, category: "leisure.sport", lang: "de", speaks: []string{"de"},
		postcode: "34132", place: "Kassel", title: "Fußball für alle am Sonntag", when: WhenRegularly, vis: Public, age: 18, life: 60, status: Withdrawn,
		description: "Offenes Fußballtraining für Jugendliche und Erwachsene auf dem Sportplatz am Brasselsberg. Einfach vorbeikommen."},

	// Arabic
	{handle: "arabic_translation_doctor", user: "newcomer_ar", kind: Offer, category: "translation.doctor", lang: "ar", speaks: []string{"ar", "de", "en"},
		postcode: "34125", place: "Kassel", title: "أرافقك إلى الطبيب وأترجم لك", vis: Public, age: 2,
		description: "أنا أمل، أعيش في كاسل منذ ست سنوات. أستطيع مرافقتك إلى مواعيد الطبيب والترجمة بين العربية والألمانية.\nمتاحة في الصباح من الاثنين إلى الخميس."},
	{handle: "arabic_furniture_request", user: "newcomer_ar", kind: Request, category: "goods.furniture", lang: "ar", speaks: []string{"ar", "de"},
		postcode: "34127", place: "Kassel", title: "أبحث عن سرير أطفال وخزانة صغيرة", qty: 2, vis: Public, age: 4,
		description: "انتقلنا إلى شقة جديدة مع طفلينا ونحتاج إلى سرير أطفال وخزانة صغيرة للملابس. يمكننا النقل بأنفسنا."},
	{handle: "arabic_cooking", user: "mso_ar", org: "mso_ar", kind: Offer, category: "leisure.meetups", lang: "ar", speaks: []string{"ar", "de", "ku"},
		postcode: "34127", place: "Kassel", title: "طبخ مشترك كل يوم جمعة في جمعية ياسمين", when: WhenRegularly, vis: Public, age: 6, life: 60,
		description: "نطبخ معًا أطباقًا سورية ونتعرف على جيراننا. الجميع مرحَّب بهم، والمشاركة مجانية."},
	{handle: "arabic_homework", user: "mso_ar", org: "mso_ar", kind: Request, category: "children.homework", lang: "ar", speaks: []string{"ar", "de"},
		postcode: "34127", place: "Kassel", title: "نبحث عن متطوعين لمساعدة الأطفال في الرياضيات", when: WhenRegularly, vis: Public, age: 13, life: 60,
		description: "أطفال العائلات في جمعيتنا يحتاجون إلى مساعدة في الرياضيات للصفين الخامس والسادس، مساء الثلاثاء."},
	{handle: "arabic_job_application", user: "newcomer_ar", kind: Request, category: "work.application", lang: "ar", speaks: []string{"ar", "de"},
		postcode: "34123", place: "Kassel", title: "أحتاج إلى مساعدة في كتابة سيرة ذاتية بالألمانية", vis: Public, age: 1,
		description: "أنا ممرضة من حلب وأريد التقدم لوظيفة في دار رعاية. أحتاج إلى من يساعدني في كتابة السيرة الذاتية ورسالة التقديم."},
	{handle: "arabic_sewing", user: "newcomer_ar", kind: Offer, category: "leisure.creative", lang: "ar", speaks: []string{"ar"},
		postcode: "34125", place: "Kassel", title: "أعلّم الخياطة للمبتدئات", when: WhenRegularly, vis: Members, age: 15,
		description: "عندي ماكينة خياطة وأحب أن أعلّم النساء أساسيات الخياطة وتصليح الملابس."},
	{handle: "arabic_family_reunification", user: "mso_ar", org: "mso_ar", kind: Offer, category: "legal_advice.family_reunification", lang: "ar", speaks: []string{"ar", "de"},
		postcode: "34127", place: "Kassel", title: "معلومات عن لمّ شمل الأسرة", when: WhenDate, inDays: 12, vis: Public, age: 5,
		description: "أمسية معلومات باللغة العربية حول خطوات لمّ شمل الأسرة والوثائق المطلوبة، بمشاركة مستشارة مختصة."},
	{handle: "arabic_stroller_request", user: "newcomer_ar", kind: Request, category: "goods.baby", lang: "ar", speaks: []string{"ar"},
		postcode: "34233", place: "Fuldatal", title: "نحتاج إلى عربة أطفال", qty: 1, vis: Public, age: 26, status: Fulfilled,
		description: "ننتظر مولودًا في الشهر القادم ونبحث عن عربة أطفال مستعملة بحالة جيدة."},
	{handle: "arabic_smartphone", user: "mso_ar", kind: Offer, category: "digital.smartphone", lang: "ar", speaks: []string{"ar", "de"},
		postcode: "34117", place: "Kassel", title: "مساعدة في استخدام تطبيقات الهاتف", vis: Public, age: 9,
		description: "أساعد في تثبيت تطبيقات البنك والمواصلات وحجز المواعيد عبر الإنترنت."},
	{handle: "arabic_rides", user: "newcomer_ar", kind: Request, category: "mobility.rides", lang: "ar", speaks: []string{"ar", "de"},
		postcode: "34225", place: "Baunatal", title: "أبحث عن توصيلة إلى المستشفى في كاسل", when: WhenDate, inDays: 6, vis: Members, age: 2,
		description: "لدي موعد متابعة في المستشفى، ولا توجد حافلة مباشرة من باوناتال في ذلك الوقت."},

	// Farsi
	{handle: "farsi_tailoring", user: "newcomer_fa", kind: Offer, category: "everyday.repairs", lang: "fa", speaks: []string{"fa", "de"},
		postcode: "34134", place: "Kassel", title: "تعمیر و کوتاه کردن لباس", vis: Public, age: 3,
		description: "من خیاط هستم و لباس" + zwnj + "ها را کوتاه یا تعمیر می" + zwnj + "کنم؛ رایگان برای خانواده" + zwnj + "های تازه" + zwnj + "وارد."},
	{handle: "farsi_german_course", user: "newcomer_fa", kind: Request, category: "german_lessons.courses", lang: "fa", speaks: []string{"fa"},
		postcode: "34134", place: "Kassel", title: "دنبال کلاس زبان آلمانی برای مبتدی" + zwnj + "ها هستم", vis: Public, age: 5,
		description: "هنوز جایی در کلاس زبان پیدا نکرده" + zwnj + "ام. اگر کسی کلاس رایگان یا هم" + zwnj + "زبان برای سطح A1 می" + zwnj + "شناسد، لطفاً خبرم کند."},
	{handle: "farsi_dari_interpreter", user: "newcomer_fa", kind: Offer, category: "translation.authorities", lang: "fa", speaks: []string{"fa", "de", "en"},
		postcode: "34123", place: "Kassel", title: "ترجمه فارسی و دری در اداره" + zwnj + "ها", when: WhenRegularly, vis: Public, age: 8,
		description: "می" + zwnj + "توانم برای نوبت" + zwnj + "های اداری، جاب" + zwnj + "سنتر یا اداره خارجی" + zwnj + "ها همراهی و ترجمه کنم."},
	{handle: "farsi_bicycle_request", user: "newcomer_fa", kind: Request, category: "goods.bicycles", lang: "fa", speaks: []string{"fa", "de"},
		postcode: "34246", place: "Vellmar", title: "یک دوچرخه برای رفتن به سر کار لازم دارم", qty: 1, vis: Public, age: 1,
		description: "کار تازه" + zwnj + "ای در فلمار پیدا کرده" + zwnj + "ام و صبح" + zwnj + "ها اتوبوس ندارد. یک دوچرخهٔ ساده کافی است."},
	{handle: "farsi_football", user: "newcomer_fa", kind: Offer, category: "leisure.sport", lang: "fa", speaks: []string{"fa", "de"},
		postcode: "34131", place: "Kassel", title: "فوتبال دوستانه هر یکشنبه", when: WhenRegularly, vis: Public, age: 19, life: 60,
		description: "گروهی از جوانان هر یکشنبه فوتبال بازی می" + zwnj + "کنیم. هر کسی می" + zwnj + "تواند بیاید."},
	{handle: "farsi_computer", user: "newcomer_fa", kind: Request, category: "digital.computer", lang: "fa", speaks: []string{"fa"},
		postcode: "34134", place: "Kassel", title: "کمک برای یادگیری کار با کامپیوتر", vis: Public, age: 22,
		description: "می" + zwnj + "خواهم ایمیل نوشتن و پر کردن فرم" + zwnj + "های آنلاین را یاد بگیرم."},
	{handle: "farsi_psychosocial", user: "newcomer_fa", kind: Request, category: "health.psychosocial", lang: "fa", speaks: []string{"fa"},
		postcode: "34117", place: "Kassel", title: "دنبال مشاوره به زبان فارسی هستم", vis: Verified, age: 4,
		description: "بعد از سفر سخت، خواب خوبی ندارم. دنبال کسی هستم که به فارسی با او حرف بزنم."},
	{handle: "farsi_winter_clothes", user: "newcomer_fa", kind: Request, category: "goods.clothing", lang: "fa", speaks: []string{"fa"},
		postcode: "34253", place: "Lohfelden", title: "لباس زمستانی برای مرد، سایز L", qty: 2, vis: Public, age: 24, status: Fulfilled,
		description: "یک کاپشن گرم و کفش زمستانی سایز ۴۳ لازم دارم."},

	// Ukrainian
	{handle: "ukrainian_childcare", user: "newcomer_uk", kind: Offer, category: "children.childcare", lang: "uk", speaks: []string{"uk", "ru", "de"},
		postcode: "34119", place: "Kassel", title: "Можу доглянути дітей кілька годин на тиждень", when: WhenRegularly, vis: Members, age: 3,
		description: "Я вихователька з Харкова. Можу посидіти з дітьми, поки батьки на курсах німецької чи в установах."},
	{handle: "ukrainian_flat_request", user: "newcomer_uk", kind: Request, category: "housing.flat_search", lang: "uk", speaks: []string{"uk", "ru", "en"},
		postcode: "34119", place: "Kassel", title: "Шукаю двокімнатну квартиру для мами з донькою", vis: Public, age: 6, life: 90,
		description: "Ми живемо в тимчасовому житлі й шукаємо невелику квартиру в Касселі або поруч. Jobcenter покриває оренду."},
	{handle: "ukrainian_school", user: "newcomer_uk", kind: Request, category: "translation.school", lang: "uk", speaks: []string{"uk", "ru"},
		postcode: "34121", place: "Kassel", title: "Потрібен перекладач на батьківські збори в школі", when: WhenDate, inDays: 7, vis: Public, age: 2,
		description: "У школі моєї доньки збори для батьків. Шукаю людину, яка допоможе з перекладом з німецької."},
	{handle: "ukrainian_piano", user: "newcomer_uk", kind: Offer, category: "leisure.creative", lang: "uk", speaks: []string{"uk", "de", "en"},
		postcode: "34131", place: "Kassel", title: "Уроки фортепіано для дітей", when: WhenRegularly, vis: Public, age: 10,
		description: "Я викладачка музики. Безкоштовно даю уроки фортепіано дітям, у яких є інструмент або доступ до нього."},
	{handle: "ukrainian_recognition", user: "newcomer_uk", kind: Request, category: "work.recognition", lang: "uk", speaks: []string{"uk", "en"},
		postcode: "34225", place: "Baunatal", title: "Як визнати диплом інженера в Німеччині?", vis: Public, age: 12,
		description: "Я інженер-електрик. Шукаю когось, хто знає процедуру визнання диплома й допоможе з документами."},
	{handle: "ukrainian_cake", user: "newcomer_uk", kind: Offer, category: "volunteering.events", lang: "uk", speaks: []string{"uk", "de"},
		postcode: "34246", place: "Vellmar", title: "Спечу торти для свята в громаді", vis: Public, age: 21,
		description: "Люблю пекти й залюбки приготую торти та пироги для свят у громаді чи в центрі зустрічей."},
	{handle: "ukrainian_moving", user: "newcomer_uk", kind: Request, category: "everyday.moving", lang: "uk", speaks: []string{"uk", "ru"},
		postcode: "34260", place: "Kaufungen", title: "Потрібна допомога з переїздом", when: WhenDate, inDays: 10, vis: Public, age: 27, status: Fulfilled,
		description: "Переїжджаємо в нову квартиру в Кауфунгені. Потрібні дві людини, щоб винести шафу й диван."},
	{handle: "ukrainian_laptop", user: "newcomer_uk", kind: Request, category: "goods.electronics", lang: "uk", speaks: []string{"uk"},
		postcode: "34346", place: "Hann. Münden", title: "Шукаю ноутбук для навчання сина", qty: 1, vis: Public, age: 7,
		description: "Син ходить до гімназії й потребує ноутбука для домашніх завдань."},

	// English
	{handle: "english_internship", user: "company", org: "company", kind: Offer, category: "work.internship", lang: "en", speaks: []string{"en", "de", "pl", "ro"},
		postcode: "34123", place: "Kassel", title: "Internships in warehouse logistics", when: WhenRange, inDays: 21, forDays: 42, qty: 4, vis: Public, age: 4, life: 60,
		description: "Six-week internships in our warehouse in Kassel-Waldau, also with little German. A colleague mentors you, and German lessons take place during working hours."},
	{handle: "english_mentors", user: "company", org: "company", kind: Request, category: "everyday.mentoring", lang: "en", speaks: []string{"en", "de"},
		postcode: "34123", place: "Kassel", title: "Volunteer mentors for our apprentices", when: WhenRegularly, vis: Public, age: 9, life: 60,
		description: "Our apprentices from Syria and Eritrea would love a mentor for questions outside work: forms, flat search, leisure."},
	{handle: "english_cv_check", user: "company", kind: Offer, category: "work.application", lang: "en", speaks: []string{"en", "de"},
		postcode: "34117", place: "Kassel", title: "I review CVs and practise job interviews", vis: Public, age: 5,
		description: "I work in HR and gladly look over CVs and cover letters, in English or German, and practise interviews with you."},
	{handle: "english_conversation", user: "company", kind: Offer, category: "german_lessons.conversation", lang: "en", speaks: []string{"en"},
		postcode: "34131", place: "Kassel", title: "English conversation group for beginners", when: WhenRegularly, vis: Members, age: 17,
		description: "A relaxed conversation hour in English every Thursday evening, for anyone who wants to practise."},
	{handle: "english_desk", user: "company", kind: Offer, category: "goods.furniture", lang: "en", speaks: []string{"en", "de"},
		postcode: "34128", place: "Kassel", title: "Two office desks and chairs to give away", qty: 6, vis: Public, age: 23, status: Fulfilled,
		description: "We are replacing office furniture. Two desks and four chairs can be picked up in Harleshausen."},
	{handle: "english_forms", user: "agency", kind: Offer, category: "everyday.paperwork", lang: "en", speaks: []string{"en", "de", "fr"},
		postcode: "34117", place: "Kassel", title: "Help with letters from authorities, in English or French", vis: Public, age: 11,
		description: "Got a letter you do not understand? I explain it in English or French and help you answer."},

	// Turkish
	{handle: "turkish_homework", user: "mso_tr", org: "mso_tr", kind: Offer, category: "children.homework", lang: "tr", speaks: []string{"tr", "de", "ku"},
		postcode: "34125", place: "Kassel", title: "Okul çocukları için ödev yardımı", when: WhenRegularly, vis: Public, age: 4, life: 60,
		description: "Derneğimizde her salı ve perşembe öğleden sonra ilkokul çocuklarına ödevlerinde yardım ediyoruz. Herkes gelebilir."},
	{handle: "turkish_women_meeting", user: "mso_tr", org: "mso_tr", kind: Offer, category: "leisure.meetups", lang: "tr", speaks: []string{"tr", "de", "ku"},
		postcode: "34125", place: "Kassel", title: "Kadınlar buluşması: çay ve sohbet", when: WhenRegularly, vis: Public, age: 7, life: 60,
		description: "Her çarşamba sabahı kadınlar için çay ve sohbet. Yeni gelenler ve komşular davetlidir; çocuklar için oyun köşesi var."},
	{handle: "turkish_volunteers_festival", user: "mso_tr", org: "mso_tr", kind: Request, category: "volunteering.events", lang: "tr", speaks: []string{"tr", "de"},
		postcode: "34125", place: "Kassel", title: "Mahalle şenliği için gönüllüler aranıyor", when: WhenDate, inDays: 20, qty: 10, vis: Public, age: 2,
		description: "Yaz şenliğimiz için stant kurma, yemek dağıtma ve çocuk etkinliklerinde yardım edecek gönüllüler arıyoruz."},
	{handle: "turkish_translation", user: "mso_tr", kind: Offer, category: "translation.documents", lang: "tr", speaks: []string{"tr", "de", "ku"},
		postcode: "34127", place: "Kassel", title: "Resmî mektupları Türkçe ve Kürtçe açıklıyorum", vis: Public, age: 13,
		description: "Dairelerden gelen mektupları Türkçe ya da Kürtçe açıklayabilir, cevap yazmanıza yardım edebilirim."},
	{handle: "turkish_sofa_request", user: "mso_tr", kind: Request, category: "goods.furniture", lang: "tr", speaks: []string{"tr", "de"},
		postcode: "34253", place: "Lohfelden", title: "Yeni gelen bir aile için kanepe aranıyor", qty: 1, vis: Public, age: 3,
		description: "Lohfelden'e yeni taşınan bir aile için iyi durumda bir kanepe arıyoruz; taşımayı biz ayarlarız."},
	{handle: "turkish_driving", user: "mso_tr", kind: Offer, category: "mobility.public_transport", lang: "tr", speaks: []string{"tr", "de"},
		postcode: "34134", place: "Kassel", title: "Otobüs ve tramvay kullanmayı birlikte öğrenelim", vis: Public, age: 16,
		description: "Bilet almayı, uygulamayı ve hatları birlikte deniyoruz; ilk yolculuklarda yanınızdayım."},
	{handle: "turkish_iftar", user: "mso_tr", org: "mso_tr", kind: Offer, category: "leisure.culture", lang: "tr", speaks: []string{"tr", "de", "ar"},
		postcode: "34125", place: "Kassel", title: "Herkese açık kültür akşamı", when: WhenDate, inDays: 15, vis: Public, age: 25, status: Withdrawn,
		description: "Müzik, yemek ve hikâyelerle komşularımızla tanıştığımız bir akşam. Giriş ücretsizdir."},
	{handle: "turkish_apprenticeship", user: "mso_tr", kind: Request, category: "work.apprenticeship", lang: "tr", speaks: []string{"tr", "de"},
		postcode: "34117", place: "Kassel", title: "Genç biri için çıraklık yeri aranıyor", vis: Public, age: 8, life: 60,
		description: "Derneğimizden 18 yaşında bir genç elektrikçi ya da araç mekatronisyeni olarak çıraklık yeri arıyor."},

	// More requests and offers in German, with older ones about to end.
	{handle: "tenancy_questions", user: "municipality", kind: Offer, category: "housing.tenancy", lang: "de", speaks: []string{"de", "en"},
		postcode: "34117", place: "Kassel", title: "Sprechstunde rund ums Mieten", when: WhenRegularly, vis: Public, age: 4, life: 60,
		description: "Fragen zu Mietvertrag, Nebenkosten oder Kaution? Jeden ersten Montag im Monat gibt es eine offene Sprechstunde."},
	{handle: "food_bank_drivers", user: "agency", org: "agency", kind: Request, category: "volunteering.distribution", lang: "de", speaks: []string{"de"},
		postcode: "34225", place: "Baunatal", title: "Fahrerinnen und Fahrer für die Tafel Baunatal", when: WhenRegularly, vis: Public, age: 5, life: 90,
		description: "Mit dem Transporter der Tafel holst du Lebensmittel bei Supermärkten ab. Führerschein Klasse B genügt."},
	{handle: "literacy_course", user: "agency", org: "agency", kind: Offer, category: "german_lessons.literacy", lang: "de", speaks: []string{"de", "ar", "fa"},
		postcode: "34117", place: "Kassel", title: "Alphabetisierungskurs für Erwachsene", when: WhenRange, inDays: 10, forDays: 80, qty: 8, vis: Public, age: 1, life: 30,
		description: "Kleine Gruppe, langsames Tempo, mit Kinderbetreuung. Für Menschen, die in keiner Sprache lesen und schreiben gelernt haben."},
	{handle: "online_appointments", user: "volunteer", kind: Offer, category: "digital.online_forms", lang: "de", speaks: []string{"de", "en"},
		postcode: "34130", place: "Kassel", title: "Hilfe bei Online-Terminen und Anträgen", vis: Public, age: 8,
		description: "Termin bei der Ausländerbehörde, Wohngeld oder Kindergeld online beantragen: Ich helfe am Laptop."},
	{handle: "city_walk", user: "volunteer", kind: Offer, category: "everyday.orientation", lang: "de", speaks: []string{"de", "en"},
		postcode: "34117", place: "Kassel", title: "Stadtspaziergang für Neuangekommene", when: WhenDate, inDays: 5, vis: Public, age: 2,
		description: "Ich zeige dir die wichtigsten Orte in der Innenstadt: Rathaus, Bibliothek, Beratungsstellen und die schönsten Parks."},
	{handle: "shopping_help", user: "municipality", kind: Request, category: "everyday.shopping", lang: "de", speaks: []string{"de"},
		postcode: "34233", place: "Fuldatal", title: "Einkaufshilfe für eine ältere geflüchtete Frau", when: WhenRegularly, vis: Members, age: 10,
		description: "Eine ältere Dame in Fuldatal braucht einmal pro Woche Begleitung zum Einkaufen."},
	{handle: "doctor_search", user: "agency", kind: Offer, category: "health.doctor_search", lang: "de", speaks: []string{"de"},
		postcode: "34119", place: "Kassel", title: "Hausarztpraxis finden, die neue Patienten nimmt", vis: Public, age: 3,
		description: "Ich telefoniere mit Praxen und suche eine Hausärztin oder einen Hausarzt, der noch Patienten aufnimmt."},
}

// zwnj is the Persian zero-width non-joiner, written out where Farsi
// words need it.
const zwnj = "\u200c"

// SeedDemo posts the demo listings, spread over the last four weeks, some
// of them fulfilled or withdrawn, records them in demo.Listings by handle,
// and has the responses area answer some of them.
func (m *Module) SeedDemo(ctx context.Context, demo *app.Demo) error {
	if demo.Listings == nil {
		demo.Listings = map[string]string{}
	}
	now := m.s.Clock.Now()
	for i, d := range demoListings {
		userID, ok := demo.Users[d.user]
		if !ok {
			return fmt.Errorf("no demo user %q", d.user)
		}
		orgID := ""
		if d.org != "" {
			if orgID, ok = demo.Orgs[d.org]; !ok {
				return fmt.Errorf("no demo organisation %q", d.org)
			}
		}
		actor := &auth.Identity{UserID: userID, Role: auth.Member}
		draft := Draft{Kind: d.kind, Category: d.category, Title: d.title, Description: d.description, ContentLang: d.lang,
			Languages: d.speaks, Postcode: d.postcode, Place: d.place, Visibility: d.vis, OrganizationID: orgID,
			When: When{Kind: d.when}}
		if d.when == "" {
			draft.When.Kind = WhenNone
		}
		if d.when == WhenDate || d.when == WhenRange {
			from := now.AddDate(0, 0, d.inDays)
			draft.When.From = &from
			if d.when == WhenRange {
				to := from.AddDate(0, 0, d.forDays)
				draft.When.To = &to
			}
		}
		if d.qty > 0 {
			q := d.qty
			draft.Quantity = &q
		}
		// Posted at different hours of the day, d.age days ago.
		created := now.Add(-time.Duration(d.age)*day - time.Duration(i*37%600)*time.Minute)
		l := &Listing{ID: ids.New(), PosterID: userID, Status: Open, CreatedAt: created, UpdatedAt: created}
		if _, err := m.apply(ctx, actor, &draft, l, nil); err != nil {
			return fmt.Errorf("demo listing %s: %w", d.handle, err)
		}
		life := d.life
		if life == 0 {
			life = DefaultLifetimeDays
		}
		l.ExpiresAt = created.Add(time.Duration(life) * day)
		err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
			if err := insertListing(ctx, tx, l); err != nil {
				return err
			}
			if err := insertChange(ctx, tx, l.ID, userID, created, map[string]FieldChange{"created": {To: string(Open)}}); err != nil {
				return err
			}
			if d.status == "" || d.status == Open {
				return m.indexListing(ctx, tx, l.ID)
			}
			closed := created.Add(time.Duration(d.age) * day / 2)
			l.Status, l.ClosedAt = d.status, &closed
			if err := setStatus(ctx, tx, l.ID, d.status, &closed, closed); err != nil {
				return err
			}
			return insertChange(ctx, tx, l.ID, userID, closed, map[string]FieldChange{"status": {From: string(Open), To: string(d.status)}})
		})
		if err != nil {
			return fmt.Errorf("demo listing %s: %w", d.handle, err)
		}
		demo.Listings[d.handle] = l.ID
	}
	return m.seedResponses(ctx, demo)
}
