package searchbench

// Phrase banks for the corpus, per language. Templates take {item} (a
// thing or task of the document's category), {item2} (another of it),
// {place}, {day}, {adj}, {n} and {name}. The texts are made up but read
// like what people post on a board of help offers and requests.

type lang struct {
	offers, requests, opportunities []string // title templates
	sentences                       []string // body sentences
	orgKinds                        []string // words for organisations
	orgBodies                       []string
	events                          []string
	pledges                         []string
	days, adjs                      []string
	items                           map[string][]string // top-level category → things and tasks
}

var languages = map[string]lang{
	"de": {
		offers: []string{"Biete {item} in {place}", "{item} abzugeben", "Ich helfe gern bei {item}", "Kostenlose Hilfe: {item}",
			"{adj} {item} für Familien", "Unterstützung bei {item} und {item2}", "Wir bieten {item} an"},
		requests: []string{"Suche {item} in {place}", "Brauche Hilfe bei {item}", "Wer kann bei {item} helfen?",
			"Dringend: {item} gesucht", "Familie sucht {item}", "Suche Unterstützung für {item} und {item2}"},
		opportunities: []string{"Ehrenamtliche für {item} gesucht", "Mithelfen bei {item} in {place}", "Engagement: {item}",
			"Freiwillige gesucht: {item}", "Helfende Hände für {item}"},
		sentences: []string{"Ich wohne in {place} und habe {day} Zeit.", "Wir sind eine Familie mit {n} Kindern.",
			"Die Hilfe ist kostenlos.", "Bitte meldet euch über die Plattform.", "Ich spreche Deutsch und ein wenig Englisch.",
			"Es geht um {item} und vielleicht auch um {item2}.", "Am besten {day} am Nachmittag.", "Vielen Dank für eure Hilfe!",
			"Seit {n} Monaten leben wir in {place}.", "Ich habe Erfahrung mit {item}.", "Gerne auch regelmäßig.",
			"Treffpunkt ist in der Nähe vom Bahnhof.", "Wir freuen uns über jede Unterstützung.", "{name} kann übersetzen.",
			"Die Sache ist {adj} und nicht kompliziert.", "Bitte bringt etwas Geduld mit.", "Auch kurzfristig möglich.",
			"Wir suchen jemanden, der zuverlässig ist.", "Es dauert ungefähr {n} Stunden.", "Kinder sind willkommen."},
		orgKinds: []string{"Verein", "Initiative", "Freiwilligenagentur", "Migrantenverein", "Nachbarschaftshilfe", "Bürgerstiftung",
			"Flüchtlingsrat", "Kirchengemeinde", "Jugendzentrum", "Sprachschule"},
		orgBodies: []string{"Wir unterstützen Geflüchtete und Zugewanderte in {place}.", "Unsere Ehrenamtlichen helfen bei {item} und {item2}.",
			"Beratung jeden {day}.", "Seit {n} Jahren engagieren wir uns für Teilhabe.", "Neue Mitglieder sind herzlich willkommen."},
		events: []string{"Sommerfest der Kulturen in {place}", "Sprachcafé am {day}", "Infoabend: {item}", "Fahrradreparatur-Treff",
			"Kochabend international", "Workshop {item}", "Freiwilligentag {place}"},
		pledges: []string{"Wir spenden {n} Fahrräder, wenn {n} Menschen bei {item} helfen", "Wenn {n} Leute mitmachen, organisieren wir {item}",
			"Unser Betrieb bietet {n} Praktikumsplätze, wenn Paten für {item} gefunden werden"},
		days:  []string{"montags", "dienstags", "mittwochs", "donnerstags", "freitags", "am Wochenende", "abends", "vormittags"},
		adjs:  []string{"gute", "einfache", "schnelle", "kostenlose", "regelmäßige", "kleine", "praktische", "freundliche"},
		items: deItems,
	},
	"en": {
		offers: []string{"Offering {item} in {place}", "Free {item}", "I can help with {item}", "Help with {item} and {item2}",
			"{adj} {item} for families", "We offer {item}"},
		requests: []string{"Looking for {item} in {place}", "Need help with {item}", "Who can help with {item}?",
			"Urgent: {item} needed", "Family needs {item}", "Searching for support with {item} and {item2}"},
		opportunities: []string{"Volunteers needed for {item}", "Help out with {item} in {place}", "Volunteer: {item}",
			"Join our team for {item}"},
		sentences: []string{"I live in {place} and have time {day}.", "We are a family with {n} children.", "The help is free of charge.",
			"Please get in touch through the platform.", "I speak English and a little German.", "It is about {item} and maybe {item2}.",
			"Best {day} in the afternoon.", "Thank you very much for your help!", "We have lived in {place} for {n} months.",
			"I have experience with {item}.", "Regular meetings are welcome too.", "We meet near the main station.",
			"{name} can translate.", "It is {adj} and not complicated.", "It takes about {n} hours.", "Children are welcome."},
		orgKinds:  []string{"Association", "Initiative", "Volunteer Centre", "Community Group", "Welcome Network", "Foundation"},
		orgBodies: []string{"We support refugees and newcomers in {place}.", "Our volunteers help with {item} and {item2}.", "Advice every {day}.", "New members are welcome."},
		events:    []string{"Summer festival in {place}", "Language café {day}", "Information evening: {item}", "Bike repair meetup", "International cooking night"},
		pledges:   []string{"We donate {n} bikes if {n} people help with {item}", "If {n} people join, we organise {item}"},
		days:      []string{"on Mondays", "on Tuesdays", "on Wednesdays", "on weekends", "in the evenings", "in the mornings"},
		adjs:      []string{"good", "simple", "quick", "free", "regular", "small", "practical", "friendly"},
		items:     enItems,
	},
	"ar": {
		offers: []string{"أقدم {item} في {place}", "{item} مجانا", "أستطيع المساعدة في {item}", "مساعدة في {item} و{item2}",
			"نقدم {item} للعائلات"},
		requests: []string{"أبحث عن {item} في {place}", "أحتاج مساعدة في {item}", "من يستطيع المساعدة في {item}؟",
			"عاجل: نحتاج {item}", "عائلة تبحث عن {item}"},
		opportunities: []string{"نبحث عن متطوعين من أجل {item}", "ساعدونا في {item} في {place}", "تطوع: {item}"},
		sentences: []string{"أسكن في {place} ولدي وقت {day}.", "نحن عائلة لديها {n} أطفال.", "المساعدة مجانية.",
			"يرجى التواصل عبر المنصة.", "أتكلم العربية وقليلا من الألمانية.", "الموضوع هو {item} وربما {item2}.",
			"شكرا جزيلا على مساعدتكم!", "نعيش في {place} منذ {n} أشهر.", "لدي خبرة في {item}.", "نلتقي قرب محطة القطار.",
			"{name} يستطيع الترجمة.", "يستغرق الأمر حوالي {n} ساعات.", "الأطفال مرحب بهم."},
		orgKinds:  []string{"جمعية", "مبادرة", "رابطة", "مركز"},
		orgBodies: []string{"ندعم اللاجئين والقادمين الجدد في {place}.", "يساعد متطوعونا في {item} و{item2}.", "استشارة كل {day}."},
		events:    []string{"مهرجان الثقافات في {place}", "مقهى اللغة {day}", "أمسية معلومات: {item}"},
		pledges:   []string{"نتبرع بـ {n} دراجات إذا ساعد {n} أشخاص في {item}"},
		days:      []string{"يوم الاثنين", "يوم الثلاثاء", "في نهاية الأسبوع", "في المساء", "في الصباح"},
		adjs:      []string{"جيدة", "بسيطة", "سريعة", "مجانية", "منتظمة"},
		items:     arItems,
	},
	"fa": {
		offers: []string{"ارائه {item} در {place}", "{item} رایگان", "می‌توانم در {item} کمک کنم", "کمک در {item} و {item2}"},
		requests: []string{"دنبال {item} در {place} هستم", "به کمک در {item} نیاز دارم", "چه کسی می‌تواند در {item} کمک کند؟",
			"فوری: {item} لازم است", "خانواده‌ای دنبال {item} است"},
		opportunities: []string{"داوطلب برای {item} می‌خواهیم", "در {item} در {place} کمک کنید", "داوطلبی: {item}"},
		sentences: []string{"در {place} زندگی می‌کنم و {day} وقت دارم.", "ما خانواده‌ای با {n} بچه هستیم.", "کمک رایگان است.",
			"لطفا از طریق سایت تماس بگیرید.", "فارسی و کمی آلمانی صحبت می‌کنم.", "موضوع {item} و شاید {item2} است.",
			"خیلی ممنون از کمک شما!", "{n} ماه است که در {place} زندگی می‌کنیم.", "در {item} تجربه دارم.",
			"{name} می‌تواند ترجمه کند.", "حدود {n} ساعت طول می‌کشد.", "بچه‌ها هم خوش آمدند."},
		orgKinds:  []string{"انجمن", "ابتکار", "مرکز", "گروه"},
		orgBodies: []string{"ما از پناهجویان و تازه‌واردان در {place} حمایت می‌کنیم.", "داوطلبان ما در {item} و {item2} کمک می‌کنند."},
		events:    []string{"جشن فرهنگ‌ها در {place}", "کافه زبان {day}", "جلسه اطلاع‌رسانی: {item}"},
		pledges:   []string{"اگر {n} نفر در {item} کمک کنند، {n} دوچرخه اهدا می‌کنیم"},
		days:      []string{"دوشنبه‌ها", "سه‌شنبه‌ها", "آخر هفته", "عصرها", "صبح‌ها"},
		adjs:      []string{"خوب", "ساده", "سریع", "رایگان", "منظم"},
		items:     faItems,
	},
	"uk": {
		offers: []string{"Пропоную {item} у {place}", "{item} безкоштовно", "Можу допомогти з {item}", "Допомога з {item} і {item2}"},
		requests: []string{"Шукаю {item} у {place}", "Потрібна допомога з {item}", "Хто може допомогти з {item}?",
			"Терміново: потрібна {item}", "Родина шукає {item}"},
		opportunities: []string{"Шукаємо волонтерів для {item}", "Допоможіть з {item} у {place}", "Волонтерство: {item}"},
		sentences: []string{"Я живу в {place} і маю час {day}.", "Ми родина з {n} дітьми.", "Допомога безкоштовна.",
			"Будь ласка, пишіть через платформу.", "Я розмовляю українською і трохи німецькою.", "Йдеться про {item} і, можливо, {item2}.",
			"Щиро дякуємо за допомогу!", "Ми живемо в {place} вже {n} місяців.", "Маю досвід з {item}.",
			"{name} може перекласти.", "Це займе приблизно {n} години.", "Діти вітаються."},
		orgKinds:  []string{"Спілка", "Ініціатива", "Громада", "Центр"},
		orgBodies: []string{"Ми підтримуємо біженців у {place}.", "Наші волонтери допомагають з {item} і {item2}."},
		events:    []string{"Свято культур у {place}", "Мовне кафе {day}", "Інформаційний вечір: {item}"},
		pledges:   []string{"Ми подаруємо {n} велосипедів, якщо {n} людей допоможуть з {item}"},
		days:      []string{"у понеділок", "у вівторок", "на вихідних", "увечері", "вранці"},
		adjs:      []string{"добра", "проста", "швидка", "безкоштовна", "регулярна"},
		items:     ukItems,
	},
	"tr": {
		offers: []string{"{place} içinde {item} sunuyorum", "Ücretsiz {item}", "{item} konusunda yardım edebilirim", "{item} ve {item2} için destek"},
		requests: []string{"{place} içinde {item} arıyorum", "{item} için yardıma ihtiyacım var", "Kim {item} konusunda yardım edebilir?",
			"Acil: {item} lazım", "Aile {item} arıyor"},
		opportunities: []string{"{item} için gönüllüler aranıyor", "{place} içinde {item} için yardım edin", "Gönüllülük: {item}"},
		sentences: []string{"{place} şehrinde yaşıyorum ve {day} vaktim var.", "{n} çocuklu bir aileyiz.", "Yardım ücretsizdir.",
			"Lütfen platform üzerinden yazın.", "Türkçe ve biraz Almanca konuşuyorum.", "Konu {item} ve belki {item2}.",
			"Yardımlarınız için çok teşekkürler!", "{n} aydır {place} şehrinde yaşıyoruz.", "{item} konusunda deneyimim var.",
			"{name} çeviri yapabilir.", "Yaklaşık {n} saat sürer.", "Çocuklar da gelebilir."},
		orgKinds:  []string{"Dernek", "Girişim", "Merkez", "Topluluk"},
		orgBodies: []string{"{place} içinde mültecilere ve yeni gelenlere destek oluyoruz.", "Gönüllülerimiz {item} ve {item2} konusunda yardım ediyor."},
		events:    []string{"{place} kültürler şenliği", "Dil kafe {day}", "Bilgi akşamı: {item}"},
		pledges:   []string{"{n} kişi {item} için yardım ederse {n} bisiklet bağışlıyoruz"},
		days:      []string{"pazartesi günleri", "salı günleri", "hafta sonu", "akşamları", "sabahları"},
		adjs:      []string{"iyi", "basit", "hızlı", "ücretsiz", "düzenli"},
		items:     trItems,
	},
}

var deItems = map[string][]string{
	"housing":        {"Wohnung", "Zimmer", "WG-Zimmer", "Wohnungssuche", "Mietvertrag", "Besichtigung", "Unterkunft", "Möbel für die Wohnung"},
	"german_lessons": {"Deutschkurs", "Deutsch lernen", "Sprachcafé", "Hausaufgaben im Deutschkurs", "Prüfungsvorbereitung B1", "Sprachtandem", "Alphabetisierung"},
	"translation":    {"Übersetzung", "Begleitung zum Arzt", "Dolmetschen beim Amt", "Übersetzung von Dokumenten", "Begleitung zur Ausländerbehörde"},
	"goods":          {"Kinderkleidung", "Fahrrad", "Waschmaschine", "Kinderwagen", "Winterjacken", "Küchengeräte", "Laptop", "Sofa"},
	"mobility":       {"Fahrradreparatur", "Fahrstunden", "Mitfahrgelegenheit", "Busfahrplan erklären", "Fahrrad fahren lernen"},
	"work":           {"Bewerbung schreiben", "Lebenslauf", "Praktikum", "Ausbildungsplatz", "Jobsuche", "Anerkennung des Abschlusses"},
	"children":       {"Hausaufgabenhilfe", "Kinderbetreuung", "Kitaplatz", "Nachhilfe in Mathe", "Spielgruppe", "Schulanmeldung"},
	"leisure":        {"Fußball", "Schwimmkurs", "Museumsbesuch", "Nähkurs", "Wanderung", "Chor", "Theater"},
	"health":         {"Arztsuche", "Krankenversicherung", "Termin beim Facharzt", "Schwangerschaft", "psychologische Beratung"},
	"legal_advice":   {"Asylberatung", "Anhörung vorbereiten", "Aufenthaltsrecht", "Familiennachzug", "Anwalt finden"},
	"digital":        {"Smartphone einrichten", "Computerkurs", "Online-Formulare", "WLAN", "E-Mail-Adresse anlegen"},
	"everyday":       {"Umzug", "Einkaufen", "Formulare ausfüllen", "Bankkonto eröffnen", "Reparaturen", "Stadtführung"},
	"volunteering":   {"Kleiderkammer", "Essensausgabe", "Sommerfest", "Büroarbeit", "Sortieren von Spenden"},
}

var enItems = map[string][]string{
	"housing":        {"flat", "room", "apartment", "housing search", "rental contract", "viewing", "accommodation"},
	"german_lessons": {"German course", "learning German", "language café", "German homework", "B1 exam preparation", "language exchange"},
	"translation":    {"translation", "going to the doctor together", "interpreting at the office", "translating documents"},
	"goods":          {"children's clothes", "bicycle", "washing machine", "pram", "winter jackets", "kitchen appliances", "laptop"},
	"mobility":       {"bike repair", "driving lessons", "lift to the city", "bus timetable", "learning to ride a bike"},
	"work":           {"job application", "CV", "internship", "apprenticeship", "job search", "recognition of qualifications"},
	"children":       {"homework help", "childcare", "nursery place", "maths tutoring", "play group", "school registration"},
	"leisure":        {"football", "swimming lessons", "museum visit", "sewing class", "hiking", "choir"},
	"health":         {"finding a doctor", "health insurance", "specialist appointment", "pregnancy", "counselling"},
	"legal_advice":   {"asylum advice", "preparing the interview", "residence law", "family reunification", "finding a lawyer"},
	"digital":        {"setting up a smartphone", "computer course", "online forms", "internet access", "email account"},
	"everyday":       {"moving house", "shopping", "filling in forms", "opening a bank account", "repairs", "city tour"},
	"volunteering":   {"clothes store", "food bank", "summer party", "office work", "sorting donations"},
}

var arItems = map[string][]string{
	"housing":        {"سكن", "شقة", "غرفة", "البحث عن شقة", "عقد إيجار", "منزل"},
	"german_lessons": {"دورة لغة ألمانية", "تعلم الألمانية", "مقهى اللغة", "التحضير لامتحان", "تبادل لغوي"},
	"translation":    {"ترجمة", "مرافقة إلى الطبيب", "ترجمة الوثائق", "مرافقة إلى الدائرة"},
	"goods":          {"ملابس أطفال", "دراجة", "غسالة", "عربة أطفال", "معاطف شتوية", "أدوات مطبخ"},
	"mobility":       {"تصليح الدراجات", "دروس قيادة", "توصيلة", "جدول الحافلات"},
	"work":           {"كتابة طلب عمل", "سيرة ذاتية", "تدريب عملي", "البحث عن عمل", "معادلة الشهادة"},
	"children":       {"مساعدة في الواجبات", "رعاية الأطفال", "مكان في الروضة", "دروس رياضيات", "تسجيل في المدرسة"},
	"leisure":        {"كرة القدم", "دروس سباحة", "زيارة متحف", "دورة خياطة", "رحلة"},
	"health":         {"البحث عن طبيب", "التأمين الصحي", "موعد عند طبيب مختص", "الحمل", "دعم نفسي"},
	"legal_advice":   {"استشارة لجوء", "التحضير للمقابلة", "قانون الإقامة", "لم الشمل", "البحث عن محام"},
	"digital":        {"إعداد الهاتف", "دورة حاسوب", "نماذج إلكترونية", "إنترنت"},
	"everyday":       {"الانتقال إلى منزل جديد", "التسوق", "تعبئة النماذج", "فتح حساب بنكي", "تصليحات"},
	"volunteering":   {"توزيع الملابس", "توزيع الطعام", "حفلة صيفية", "أعمال مكتبية"},
}

var faItems = map[string][]string{
	"housing":        {"خانه", "اتاق", "آپارتمان", "پیدا کردن خانه", "قرارداد اجاره", "مسکن"},
	"german_lessons": {"کلاس آلمانی", "یادگیری زبان آلمانی", "کافه زبان", "آمادگی برای امتحان", "تاندم زبان"},
	"translation":    {"ترجمه", "همراهی به دکتر", "ترجمه مدارک", "همراهی به اداره"},
	"goods":          {"لباس بچه", "دوچرخه", "ماشین لباسشویی", "کالسکه", "کاپشن زمستانی", "وسایل آشپزخانه"},
	"mobility":       {"تعمیر دوچرخه", "کلاس رانندگی", "همسفری", "برنامه اتوبوس"},
	"work":           {"نوشتن درخواست کار", "رزومه", "کارآموزی", "جستجوی کار", "ارزشیابی مدرک"},
	"children":       {"کمک در تکالیف", "نگهداری از بچه", "جای مهدکودک", "کلاس ریاضی", "ثبت‌نام مدرسه"},
	"leisure":        {"فوتبال", "کلاس شنا", "بازدید از موزه", "کلاس خیاطی", "کوه‌پیمایی"},
	"health":         {"پیدا کردن دکتر", "بیمه درمانی", "وقت دکتر متخصص", "بارداری", "مشاوره روانی"},
	"legal_advice":   {"مشاوره پناهندگی", "آمادگی برای مصاحبه", "قانون اقامت", "پیوستن خانواده", "پیدا کردن وکیل"},
	"digital":        {"تنظیم گوشی", "کلاس کامپیوتر", "فرم‌های اینترنتی", "اینترنت"},
	"everyday":       {"اسباب‌کشی", "خرید", "پر کردن فرم", "باز کردن حساب بانکی", "تعمیرات"},
	"volunteering":   {"توزیع لباس", "توزیع غذا", "جشن تابستانی", "کار اداری"},
}

var ukItems = map[string][]string{
	"housing":        {"житло", "квартира", "кімната", "пошук квартири", "договір оренди", "помешкання"},
	"german_lessons": {"курс німецької", "вивчення німецької", "мовне кафе", "підготовка до іспиту", "мовний тандем"},
	"translation":    {"переклад", "супровід до лікаря", "переклад документів", "супровід до відомства"},
	"goods":          {"дитячий одяг", "велосипед", "пральна машина", "дитяча коляска", "зимові куртки", "кухонне приладдя"},
	"mobility":       {"ремонт велосипедів", "уроки водіння", "попутна поїздка", "розклад автобусів"},
	"work":           {"написання резюме", "пошук роботи", "стажування", "навчання професії", "визнання диплома"},
	"children":       {"допомога з домашніми завданнями", "догляд за дітьми", "місце в садочку", "уроки математики", "запис до школи"},
	"leisure":        {"футбол", "уроки плавання", "відвідування музею", "курс шиття", "похід"},
	"health":         {"пошук лікаря", "медичне страхування", "запис до спеціаліста", "вагітність", "психологічна підтримка"},
	"legal_advice":   {"консультація з притулку", "підготовка до співбесіди", "право на проживання", "возз'єднання сім'ї", "пошук адвоката"},
	"digital":        {"налаштування смартфона", "комп'ютерний курс", "онлайн-форми", "інтернет"},
	"everyday":       {"переїзд", "покупки", "заповнення формулярів", "відкриття рахунку", "ремонт"},
	"volunteering":   {"роздача одягу", "роздача їжі", "літнє свято", "офісна робота"},
}

var trItems = map[string][]string{
	"housing":        {"ev", "daire", "oda", "ev arama", "kira sözleşmesi", "konut"},
	"german_lessons": {"Almanca kursu", "Almanca öğrenmek", "dil kafe", "sınava hazırlık", "dil tandemi"},
	"translation":    {"çeviri", "doktora refakat", "belge çevirisi", "resmi dairede tercümanlık"},
	"goods":          {"çocuk kıyafetleri", "bisiklet", "çamaşır makinesi", "bebek arabası", "kışlık mont", "mutfak eşyaları"},
	"mobility":       {"bisiklet tamiri", "sürücü kursu", "araç paylaşımı", "otobüs saatleri"},
	"work":           {"iş başvurusu", "özgeçmiş", "staj", "meslek eğitimi", "iş arama", "diploma denkliği"},
	"children":       {"ödev yardımı", "çocuk bakımı", "kreş yeri", "matematik dersi", "okul kaydı"},
	"leisure":        {"futbol", "yüzme kursu", "müze ziyareti", "dikiş kursu", "doğa yürüyüşü"},
	"health":         {"doktor bulmak", "sağlık sigortası", "uzman randevusu", "hamilelik", "psikolojik destek"},
	"legal_advice":   {"iltica danışmanlığı", "mülakata hazırlık", "oturum hakkı", "aile birleşimi", "avukat bulmak"},
	"digital":        {"akıllı telefon kurulumu", "bilgisayar kursu", "çevrimiçi formlar", "internet"},
	"everyday":       {"taşınma", "alışveriş", "form doldurma", "banka hesabı açmak", "tamirat"},
	"volunteering":   {"giysi dağıtımı", "yemek dağıtımı", "yaz şenliği", "ofis işleri"},
}

// Names are made of syllables, so the dictionary grows with the corpus as
// a real one does with names of people, streets and shops.
var nameSyllables = []string{"ka", "ri", "mo", "sa", "le", "na", "to", "mi", "ha", "de", "lu", "be", "ra", "si", "no", "va",
	"jo", "el", "an", "ur", "os", "ta", "fa", "zi", "ko", "ne", "li", "am", "er", "do"}
