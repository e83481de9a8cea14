"""Small word lists, written for Babeldesk, for the short answers a dialogue turns on: yes and no,
"a person please", "the other one", "a refund". One entry per language, phrases separated by ``|``.

Words are matched whole (see ``slots.find_phrases``), in the customer's language plus English, which
customers everywhere mix in ("ok", "yes"). Only the 21 bot languages are covered; the intent model
backs these up for everything longer than a short answer.
"""

from __future__ import annotations

from enum import Enum
from functools import cache

from babeldesk.language.translate.base import base_language

LANGUAGES = ("en", "zh", "es", "pt", "fr", "de", "it", "nl", "ja", "ko", "ar", "ru", "tr", "pl", "th", "vi",
             "id", "ms", "hi", "he", "uk")  # fmt: skip

YES = {
    "en": "yes|yeah|yep|yup|sure|ok|okay|correct|that's right|please do|go ahead|of course|absolutely",
    "zh": "是|是的|对|对的|好|好的|可以|行|没错|嗯|没问题|不错|办吧|请办理|麻烦你了",
    "es": "sí|si|claro|vale|de acuerdo|correcto|por supuesto|dale|exacto|ok|adelante|hazlo|hágalo|procede"
          "|proceda",
    "pt": "sim|claro|pode|pode ser|certo|correto|isso|isso mesmo|com certeza|exato|ok|pode fazer"
          "|vai em frente|pode seguir|prossiga",
    "fr": "oui|ouais|d'accord|bien sûr|exactement|c'est ça|volontiers|ok|allez-y|vas-y|allez y|vas y"
          "|faites-le|ça marche",
    "de": "ja|jawohl|genau|klar|gerne|gern|richtig|okay|ok|einverstanden|passt|nur zu|machen sie das"
          "|mach das|bitte machen",
    "it": "sì|si|certo|va bene|esatto|d'accordo|certamente|ok|procedi|proceda|vai pure|fate pure|fai pure",
    "nl": "ja|jazeker|graag|klopt|prima|oké|ok|akkoord|goed|doe maar|ga je gang|ga uw gang|ga maar door",
    "ja": "はい|ええ|うん|そうです|お願いします|お願い|了解|その通り|進めてください|それでお願いします",
    "ko": "네|예|응|그래요|좋아요|맞아요|부탁합니다|부탁해요|진행해 주세요|진행해주세요|그렇게 해 주세요"
          "|그렇게 해주세요",
    "ar": "نعم|أجل|اجل|أكيد|طبعا|حسنا|تمام|موافق|ايوه|أيوه|تفضل|تفضلي|تفضلوا|كمل|كمّل",
    "ru": "да|конечно|ага|хорошо|верно|давайте|согласен|согласна|давай|действуйте|делайте|оформляйте",
    "tr": "evet|tabii|tabi|tamam|olur|doğru|aynen|peki|devam|devam edin|yapın",
    "pl": "tak|jasne|oczywiście|dobrze|zgadza się|poproszę|zgoda|śmiało|proszę to zrobić|działajcie",
    "th": "ใช่|ได้|ตกลง|โอเค|ถูกต้อง|ได้เลย|จัดการเลย|ทำเลย|เอาเลย",
    "vi": "có|vâng|dạ|đúng|đúng rồi|được|ừ|đồng ý|ok|tiến hành|làm đi|làm luôn|luôn đi|luon di|được luôn"
          "|duoc luon",
    "id": "ya|iya|betul|benar|boleh|oke|baik|setuju|silakan|lanjut|lanjutkan",
    "ms": "ya|ye|betul|boleh|baik|setuju|okey|ok|silakan|teruskan",
    "hi": "हाँ|हां|जी हाँ|जी हां|ठीक है|जी|बिल्कुल|haan|ha|कर दीजिए|कर दो|आगे बढ़िए|kar do|kar dijiye",
    "he": "כן|בטח|בסדר|נכון|אוקיי|מסכים|מסכימה|קדימה|תמשיכו|יאללה",
    "uk": "так|звісно|авжеж|гаразд|добре|згоден|згодна|давайте|вперед|робіть|оформлюйте",
}  # fmt: skip

NO = {
    "en": "no|nope|nah|don't|do not|no thanks|never mind",
    "zh": "不|不是|不要|不用|不好|不行|不可以|不对|没有|别了|否",
    "es": "no|nop|para nada|todavía no|mejor no",
    "pt": "não|nao|de jeito nenhum|melhor não|ainda não",
    "fr": "non|nan|pas du tout|pas encore|surtout pas",
    "de": "nein|nee|nö|lieber nicht|noch nicht",
    "it": "no|per niente|meglio di no|non ancora",
    "nl": "nee|neen|liever niet|nog niet",
    "ja": "いいえ|いや|違います|ちがう|違う|やめて|やめます|やめておきます|要りません|いらない|不要",
    "ko": "아니요|아니오|아니|아뇨|싫어요|안 돼요|안돼요",
    "ar": "لا|كلا|لأ",
    "ru": "нет|не надо|неа|не нужно",
    "tr": "hayır|yok|istemiyorum|olmaz|gerek yok",
    "pl": "nie|nie chcę|nie trzeba",
    "th": "ไม่|ไม่ใช่|ไม่ต้อง|ไม่ได้|ไม่เอา",
    "vi": "không|ko|không phải|không được|không cần|thôi",
    "id": "tidak|nggak|gak|enggak|jangan|bukan|tidak usah",
    "ms": "tidak|tak|bukan|jangan|tak nak|tak payah",
    "hi": "नहीं|नही|मत|ना|जी नहीं|nahi|nahin",
    "he": "לא|ממש לא|אין צורך",
    "uk": "ні|не треба|не потрібно",
}

HUMAN = {
    "en": "human|a person|real person|an agent|agent|live agent|operator|representative|someone real"
          "|talk to someone|speak to someone|customer service agent|staff member|not a bot|not a robot"
          "|manager|supervisor",
    "zh": "人工|真人|人工客服|转人工|客服人员|经理|主管|负责人|經理",
    "es": "humano|una persona|persona real|agente|operador|operadora|asesor|asesora|hablar con alguien"
          "|no con un robot|no con un bot|encargado|gerente|supervisor",
    "pt": "humano|atendente|uma pessoa|pessoa real|agente|operador|falar com alguém|alguém da equipe"
          "|não com robô|não com um robô|não com bot|pessoa de verdade|gerente|supervisor|responsável",
    "fr": "humain|une personne|vraie personne|agent|conseiller|conseillère|opérateur|parler à quelqu'un"
          "|pas à un robot|pas un robot|pas un bot|responsable|manager|superviseur",
    "de": "mensch|menschen|mitarbeiter|mitarbeiterin|echte person|einer person|berater|beraterin"
          "|mit jemandem sprechen|kein bot|keinem bot|nicht mit einem bot|vorgesetzten|vorgesetzte"
          "|teamleiter|manager",
    "it": "operatore|operatrice|una persona|persona vera|umano|parlare con qualcuno|non con un bot"
          "|non con un robot|responsabile|supervisore|manager",
    "nl": "mens|medewerker|een persoon|echt persoon|echte persoon|met iemand praten|met iemand spreken"
          "|geen bot|geen robot|manager|leidinggevende",
    "ja": "人間|担当者|オペレーター|スタッフ|人と話|有人|責任者|上司|の方とお話し|の方と話",
    "ko": "상담원|상담사|사람과|직원|책임자|매니저|관리자",
    "ar": "موظف|شخص حقيقي|إنسان|انسان|ممثل خدمة|وكيل|احد من خدمة العملاء|أحد من خدمة العملاء"
          "|حد من خدمة العملاء|اكلم احد|أكلم أحد|اتكلم مع احد|أتكلم مع أحد|اكلم موظف|أكلم موظف|المدير|مدير"
          "|المسؤول|الموظفين|موظفين|احد من الموظفين|أحد من الموظفين|احد يكلمني|أحد يكلمني|حد يكلمني"
          "|احد يتصل بي|أحد يتصل بي",
    "ru": "оператор|оператором|живой человек|человеком|сотрудник|сотрудником|менеджер|менеджера"
          "|руководителя|руководитель|начальника",
    "tr": "insan|temsilci|müşteri temsilcisi|yetkili|operatör|gerçek kişi|yetkiliyle|temsilciyle"
          "|canlı destek|biriyle görüşebilir miyim|biriyle konuşabilir miyim|biriyle görüşmek"
          "|biriyle konuşmak|yönetici|müdür",
    "pl": "konsultant|konsultantem|człowiek|człowiekiem|operator|pracownik|żywa osoba|kierownika|kierownik"
          "|menedżera|przełożonego",
    "th": "พนักงาน|คนจริง|เจ้าหน้าที่|ผู้จัดการ|หัวหน้า",
    "vi": "nhân viên|người thật|tư vấn viên|gặp người|quản lý|người quản lý",
    "id": "manusia|orang asli|agen|petugas|operator|cs|manajer|atasan|supervisor",
    "ms": "manusia|ejen|orang sebenar|pegawai|kakitangan|pengurus|penyelia|manager",
    "hi": "इंसान|इन्सान|एजेंट|प्रतिनिधि|कर्मचारी|किसी व्यक्ति|insaan|insan|asli insaan|manager|मैनेजर",
    "he": "נציג|נציגה|בן אדם|אדם אמיתי|מנהל|אחראי",
    "uk": "оператор|оператором|людина|людиною|працівник|менеджер|менеджера|керівника|керівник",
}  # fmt: skip

# The position words of a choice; "other" means "not the one you just used".
FIRST = {
    "en": "first|1st", "zh": "第一|第一个", "es": "primero|primera|primer", "pt": "primeiro|primeira",
    "fr": "premier|première", "de": "erste|ersten|erster|erstes", "it": "primo|prima", "nl": "eerste",
    "ja": "最初|一つ目|1つ目|一番目", "ko": "첫 번째|첫번째", "ar": "الأول|الأولى|الاول|الاولى",
    "ru": "первый|первая|первое|первый", "tr": "birinci|ilk", "pl": "pierwszy|pierwsza|pierwsze",
    "th": "แรก|ที่หนึ่ง", "vi": "đầu tiên|thứ nhất", "id": "pertama", "ms": "pertama",
    "hi": "पहला|पहली|पहले", "he": "הראשון|הראשונה", "uk": "перший|перша|перше",
}  # fmt: skip
SECOND = {
    "en": "second|2nd", "zh": "第二|第二个", "es": "segundo|segunda", "pt": "segundo|segunda",
    "fr": "deuxième|second|seconde", "de": "zweite|zweiten|zweiter|zweites", "it": "secondo|seconda",
    "nl": "tweede", "ja": "二つ目|2つ目|二番目", "ko": "두 번째|두번째", "ar": "الثاني|الثانية",
    "ru": "второй|вторая|второе", "tr": "ikinci", "pl": "drugi|druga|drugie", "th": "ที่สอง",
    "vi": "thứ hai", "id": "kedua", "ms": "kedua", "hi": "दूसरा|दूसरी", "he": "השני|השנייה",
    "uk": "другий|друга|друге",
}  # fmt: skip
THIRD = {
    "en": "third|3rd", "zh": "第三|第三个", "es": "tercero|tercera|tercer", "pt": "terceiro|terceira",
    "fr": "troisième", "de": "dritte|dritten|dritter|drittes", "it": "terzo|terza", "nl": "derde",
    "ja": "三つ目|3つ目|三番目", "ko": "세 번째|세번째", "ar": "الثالث|الثالثة", "ru": "третий|третья|третье",
    "tr": "üçüncü", "pl": "trzeci|trzecia|trzecie", "th": "ที่สาม", "vi": "thứ ba", "id": "ketiga",
    "ms": "ketiga", "hi": "तीसरा|तीसरी", "he": "השלישי|השלישית", "uk": "третій|третя|третє",
}  # fmt: skip
LAST = {
    "en": "last|latest", "zh": "最后|最后一个|最近", "es": "último|última", "pt": "último|última",
    "fr": "dernier|dernière", "de": "letzte|letzten|letzter|neueste", "it": "ultimo|ultima",
    "nl": "laatste", "ja": "最後|最新", "ko": "마지막", "ar": "الأخير|الأخيرة", "ru": "последний|последняя",
    "tr": "sonuncu|son", "pl": "ostatni|ostatnia|ostatnie", "th": "สุดท้าย|ล่าสุด", "vi": "cuối cùng",
    "id": "terakhir", "ms": "terakhir", "hi": "आखिरी|अंतिम", "he": "האחרון|האחרונה",
    "uk": "останній|остання|останнє",
}  # fmt: skip
OTHER = {
    "en": "other|another|the other one", "zh": "另一个|另外一个|别的|另一", "es": "otro|otra",
    "pt": "outro|outra", "fr": "autre", "de": "andere|anderen|anderer|anderes", "it": "altro|altra",
    "nl": "andere|ander", "ja": "もう一つ|別の|他の|もう一方", "ko": "다른",
    "ar": "الآخر|الأخرى|الاخر|الاخرى",
    "ru": "другой|другая|другое|другому", "tr": "diğer|öbür|öteki", "pl": "inny|inna|inne|tamto",
    "th": "อีกอัน|อันอื่น|อีกรายการ", "vi": "kia|khác", "id": "lain|yang lain|satunya", "ms": "lain|yang lain",
    "hi": "दूसरा वाला|अन्य", "he": "האחר|האחרת", "uk": "інший|інша|інше",
}  # fmt: skip

REFUND = {
    "en": "refund|money back|my money",
    "zh": "退款|退钱",
    "es": "reembolso|mi dinero|devolución del dinero|devolver el dinero|devolváis el dinero"
          "|devuelvan el dinero",
    "pt": "reembolso|estorno|dinheiro de volta",
    "fr": "remboursement|rembourser|remboursé",
    "de": "erstattung|rückerstattung|geld zurück",
    "it": "rimborso|rimborsare",
    "nl": "terugbetaling|geld terug|mijn geld|het geld",
    "ja": "返金|払い戻し",
    "ko": "환불",
    "ar": "استرداد|استرجاع المبلغ|إرجاع المال",
    "ru": "возврат денег|деньги",
    "tr": "para iadesi|paramı|ücret iadesi|iadem|iademi|iadesi",
    "pl": "zwrot pieniędzy|pieniądze",
    "th": "คืนเงิน",
    "vi": "hoàn tiền|trả tiền",
    "id": "pengembalian dana|uang kembali|refund",
    "ms": "bayaran balik|refund",
    "hi": "रिफंड|पैसे वापस|धनवापसी|paise wapas|paisa wapas",
    "he": "החזר|החזר כספי|זיכוי",
    "uk": "повернення коштів|гроші",
}  # fmt: skip
REPLACEMENT = {
    "en": "replacement|replace|new one|exchange|send the right one|the right item|the correct item"
          "|the correct one",
    "zh": "换货|更换|换新|换一个|换成|调换|換貨|更換|換新|換一個|換成|調換|发对的|正确的|补发",
    "es": "reemplazo|cambio|uno nuevo|una nueva|nuevo|nueva|sustitución|reposición|reemplazar|cambiar"
          "|el correcto|la correcta|el producto correcto",
    "pt": "substituição|troca|um novo|uma nova|novo|nova|trocar|manda a certa|manda o certo|a certa"
          "|o certo|o produto certo|o correto|a correta",
    "fr": "remplacement|échange|remplacer|un nouveau|une nouvelle|échanger|le bon article|le bon produit"
          "|la bonne",
    "de": "ersatz|austausch|umtausch|neues|neuen|neue|ersatzartikel|ersetzen|umtauschen|das richtige"
          "|den richtigen|die richtige",
    "it": "sostituzione|cambio|uno nuovo|una nuova|nuovo|nuova|sostituire|quello giusto|quella giusta"
          "|il prodotto giusto",
    "nl": "vervanging|vervangen|omruilen|nieuwe|de juiste|het juiste",
    "ja": "交換|代替品|新しいもの|正しい商品|正しいもの",
    "ko": "교환|새 제품|대체품|제대로 된|맞는 상품",
    "ar": "استبدال|بديل|المنتج الصحيح",
    "ru": "замена|замену|заменить|обмен|обменять|новый|новую|новое|правильный|правильную|правильное",
    "tr": "değişim|yenisi|değiştir|doğrusunu|doğru ürünü",
    "pl": "wymiana|wymianę|wymienić|nowy|nową|nowe|właściwy|właściwą|prawidłowy",
    "th": "เปลี่ยนสินค้า|เปลี่ยน|ชิ้นใหม่|ชุดใหม่|อันใหม่|ส่งใหม่|ของใหม่|ของที่ถูก|ส่งให้ถูก",
    "vi": "đổi hàng|đổi mới|thay thế|cái mới|đổi giúp|đổi cho mình|đổi lại|đổi cái|đúng hàng|hàng đúng"
          "|gửi lại đúng",
    "id": "penggantian|ganti|tukar|yang baru|yang benar|yang bener",
    "ms": "penggantian|ganti|tukar|yang baru|yang betul",
    "hi": "बदलना|बदलाव|रिप्लेसमेंट|नया|badal do|naya wala|sahi wala|सही वाला",
    "he": "החלפה|להחליף|חדש|את הנכון|הפריט הנכון",
    "uk": "заміна|заміну|заміни|замінити|обмін|обміняти|новий|нову|нове|правильний|правильну|правильне",
}  # fmt: skip
# Words that say an item is damaged, faulty or not what was ordered.
DEFECT = {
    "en": "broken|damaged|defective|faulty|doesn't work|not working|wrong item|wrong size sent|cracked",
    "zh": "坏|损坏|破损|有问题|发错|不能用|颜色不对|不是我订的|开不了机|没反应|壞|損壞|破損|有問題|發錯|瑕疵"
          "|鬆掉|松掉|裂开|裂開|没反應|沒反應",
    "es": "roto|rota|rotos|rotas|dañado|dañada|dañados|dañadas|estropeado|estropeada|defectuoso|defectuosa"
          "|no funciona",
    "pt": "quebrado|quebrada|quebrados|quebradas|danificado|danificada|rasgado|rasgada|defeito|com defeito"
          "|não funciona|errado|partida|partido|partidas|partidos|rachada|rachado|estragado"
          "|estragada",
    "fr": "cassé|cassée|abîmé|abîmée|défectueux|ne fonctionne pas|ne marche pas",
    "de": "kaputt|beschädigt|defekt|funktioniert nicht|falscher artikel",
    "it": "rotto|rotta|danneggiato|difettoso|non funziona", "nl": "kapot|beschadigd|defect|werkt niet",
    "ja": "壊れ|破損|不良|故障|動かない|違う商品",
    "ko": "고장|파손|불량|작동하지|잘못 온|깨진|깨져|찢어진|전원이 안|전원이 아예 안|안 켜져|안 켜지"
          "|색상이 달라|찢어져|떨어진|떨어져|뜯어진|금이 간|금이 가|금이 갔|금 간|금갔|깨졌",
    "ar": "مكسور|تالف|معيب|لا يعمل",
    "ru": "сломан|сломана|сломано|сломаны|повреждён|поврежден|повреждена|разбит|разбита|порван|порвана"
          "|треснутый|треснутая|треснутой|треснул|треснула|трещина"
          "|треснул|треснула|разошёлся|разошелся|брак|не работает",
    "tr": "kırık|hasarlı|bozuk|çalışmıyor|kusurlu", "pl": "zepsuty|uszkodzony|wadliwy|nie działa",
    "th": "เสีย|ชำรุด|แตก|ร้าว|บุบ|ใช้ไม่ได้|ไม่ทำงาน",
    "vi": "hỏng|bị hỏng|vỡ|lỗi|không hoạt động|không chạy|không lên nguồn|không lên|không dùng được|bị hư",
    "id": "rusak|cacat|pecah|tidak berfungsi", "ms": "rosak|cacat|pecah|tidak berfungsi",
    "hi": "टूटा|खराब|ख़राब|काम नहीं|toota|tuta|toota hua|kharab|kaam nahi", "he": "שבור|פגום|תקול|לא עובד",
    "uk": "зламаний|зламана|зламане|пошкоджений|пошкоджена|пошкоджене|брак|не працює|тріснутий|тріснута"
          "|тріснутою|тріснув|тріснула|розбитий|розбита|тріщина",
}  # fmt: skip

# Leaking (a kettle, a bottle, a lunch box) is a defect too.
_LEAKS = {
    "en": "leaks|leaking", "zh": "漏水|漏了", "es": "gotea|pierde agua", "pt": "vaza|vazando|está a pingar",
    "fr": "fuit|fuite", "de": "undicht|leckt|tropft", "it": "perde acqua|gocciola", "nl": "lekt|lekken",
    "ja": "水漏れ|漏れる|漏れて", "ko": "물이 새|새요|누수", "ar": "يسرب|تسريب|يخر",
    "ru": "протекает|течёт|течет",
    "tr": "sızdırıyor|akıtıyor", "pl": "cieknie|przecieka", "th": "รั่ว", "vi": "rò rỉ|bị rò|chảy nước",
    "id": "bocor", "ms": "bocor", "hi": "लीक|leak", "he": "דולף|נוזל", "uk": "протікає|тече",
}  # fmt: skip
DEFECT = {language: f"{words}|{_LEAKS[language]}" for language, words in DEFECT.items()}
# Words that deny what follows them ("not broken", "tak rosak", "no está roto"), in the bot languages
# that put the negation first; and those that put it after ("kırık değil", "टूटा नहीं", "壊れていない").
_NEGATIONS = {
    # "isn't" is folded to "isn t": its first part is the word seen
    "en": "not|no|never|isn|wasn|aren|weren|isnt|wasnt|nothing|don|doesn|didn", "es": "no|nada|ni",
    "pt": "não|nao|nem", "fr": "pas", "de": "nicht|kein|keine|keinen|nie", "it": "non|né", "nl": "niet|geen",
    "ru": "не|ни", "uk": "не|ні", "pl": "nie", "vi": "không|chẳng|chả|chưa",
    "id": "tidak|bukan|gak|nggak|enggak|ga",
    "ms": "tak|tidak|bukan", "he": "לא|אינו|אינה", "ar": "ليس|ليست|مش|مو", "ko": "안",
}  # fmt: skip
NEGATIONS_BEFORE = frozenset(word for words in _NEGATIONS.values() for word in words.split("|"))
UNSPACED_NEGATIONS_BEFORE = ("没有", "没", "沒有", "沒", "不", "不用", "不要", "ไม่")
NEGATIONS_AFTER = frozenset({"değil", "degil", "nahi", "nahin", "नहीं"})
UNSPACED_NEGATIONS_AFTER = ("ていない", "てない", "ていません", "てません", "ません", "ない")
# Keeping the item rather than sending it back: a "no" to "shall I open the return?".
KEEP = {
    "en": "i'll keep it|i will keep it|keep it|i'll keep them|keep them|i'll just keep",
    "zh": "不退了|我留着|留着吧|还是留着|算了不退",
    "es": "me lo quedo|me la quedo|me los quedo|me las quedo",
    "pt": "vou ficar com ele|vou ficar com ela|vou ficar com eles|vou ficar com elas|fico com ele"
          "|fico com ela|fico com eles|fico com elas",
    "fr": "je le garde|je la garde|je les garde|je vais le garder|je vais la garder|je vais les garder",
    "de": "ich behalte|behalte ich|behalte sie|behalte es|doch behalten",
    "it": "lo tengo|la tengo|li tengo|le tengo", "nl": "ik houd|ik hou|houd ik|hou ik",
    "ja": "手元に置いておきます|このまま使います|返品はやめます|やめておきます",
    "ko": "그냥 쓸게|반품 안 할게|반품은 안 할게|반품 안 해도|그냥 가질게",
    "ar": "راح اخليه|بخليه|سأحتفظ|ساحتفظ|بحتفظ|خليه عندي",
    "ru": "оставлю себе|оставлю|не буду возвращать", "uk": "залишу собі|залишу|не буду повертати",
    "tr": "bende kalsın|kalsın|iade etmeyeceğim",
    "pl": "zatrzymam|zostawię|nie będę zwracać|nie będę zwracał",
    "th": "เก็บไว้|ไม่คืนแล้ว|ไม่ส่งคืนแล้ว", "vi": "giữ lại|không trả nữa|thôi không trả",
    "id": "simpan aja|simpan saja|gak jadi retur|nggak jadi retur|tidak jadi dikembalikan",
    "ms": "simpan je|simpan saja|tak jadi pulangkan|tak jadi hantar balik",
    "hi": "रख लूंगा|रख लूंगी|रख लेता हूँ|रख लेती हूँ|rakh lunga|rakh lungi|rakh leta hu|rakh leti hu",
    "he": "אשאיר|אני אשאיר",
}  # fmt: skip
# Saying a parcel never came: after the carrier's "delivered", a case for a person to open with it.
NOT_RECEIVED = {
    "en": "not received|haven't received|have not received|didn't receive|did not receive|never received"
          "|never arrived|never got it|didn't get it|did not get it|not delivered|wasn't delivered"
          "|not here|nobody has it|no one has it|can't find it|cannot find it|couldn't find it"
          "|neighbour doesn't have it|neighbor doesn't have it",
    "zh": "没收到|没有收到|沒收到|沒有收到|没拿到|没有拿到",
    "es": "no lo he recibido|no la he recibido|no he recibido|no recibí|no me llegó|no me ha llegado"
          "|nunca llegó|no ha llegado|nadie lo tiene|no lo encuentro|no la encuentro",
    "pt": "não recebi|nao recebi|não chegou|nao chegou|nunca chegou|não foi entregue|ninguém tem"
          "|não encontro|ninguém recebeu",
    "fr": "pas reçu|rien reçu|jamais reçu|pas été livré|jamais arrivé|pas arrivé|personne ne l a"
          "|ne l a pas|introuvable|je ne le trouve pas|je ne la trouve pas",
    "de": "nicht erhalten|nicht bekommen|nie angekommen|nicht angekommen|nicht zugestellt|nichts bekommen"
          "|niemand hat es|niemand hat das paket|finde es nicht|nicht auffindbar",
    "it": "non ho ricevuto|mai ricevuto|non è arrivato|non è mai arrivato|non consegnato|nessuno l ha"
          "|non lo trovo|non la trovo",
    "nl": "niet ontvangen|nooit ontvangen|niet aangekomen|niet bezorgd|niks ontvangen|niets ontvangen"
          "|niemand heeft het|kan het niet vinden|niet te vinden",
    "ja": "受け取っていません|受け取っていない|届いていません|届いていない|受け取ってない|届いてない",
    "ko": "받지 못|못 받았|안 왔|받은 적이 없|도착하지 않",
    "ar": "لم أستلم|لم استلم|ما استلمت|ما وصلني|لم يصلني",
    "ru": "не получил|не получила|не получали|не пришла|не пришёл|не пришел|не доставлен|не доставили",
    "uk": "не отримав|не отримала|не отримували|не прийшла|не прийшов|не доставили",
    "tr": "almadım|teslim almadım|elime ulaşmadı|gelmedi|ulaşmadı",
    "pl": "nie otrzymałem|nie otrzymałam|nie dostałem|nie dostałam|nie dotarła|nie dotarło|nie dotarł",
    "th": "ไม่ได้รับ|ยังไม่ได้รับ|ไม่ได้ของ",
    "vi": "chưa nhận được|không nhận được|chưa nhận|không nhận",
    "id": "belum terima|belum menerima|tidak menerima|belum dapat|gak nerima|nggak nerima|belum sampai",
    "ms": "tak terima|belum terima|tidak terima|belum sampai|tak sampai",
    "hi": "नहीं मिला|नहीं मिली|nahi mila|nahi mili|nahin mila|nahi aaya|nahi aayi",
    "he": "לא קיבלתי|לא הגיע|לא הגיעה|לא נמסר",
}  # fmt: skip
# Liking an item: in a return of several, the one praised stays ("the shirt is great but the sandals
# are too narrow").
PRAISE = {
    "en": "is great|are great|is perfect|are perfect|is fine|are fine|love it|love them|is lovely"
          "|are lovely|fits perfectly|fit perfectly|is good|are good|is nice|are nice",
    "zh": "很喜欢|喜欢|很好|合适|满意|挺好",
    "es": "me encanta|me encantan|perfecto|perfecta|genial|me queda bien",
    "pt": "adorei|amei|perfeito|perfeita|ficou ótimo|ficou ótima|gostei|ficou bom|ficou boa|estão ótimos"
          "|estão ótimas|está ótimo|está ótima|são ótimos|ficam cá em casa",
    "fr": "j'adore|parfait|parfaite|me va bien|impeccable|est très bien",
    "de": "perfekt|passt gut|passen gut|passt perfekt|passen perfekt|gefällt mir|gefallen mir|toll|super",
    "it": "perfetto|perfetta|mi piace|adoro|bellissimo|bellissima|va benissimo",
    "nl": "perfect|past goed|vind ik leuk|prima|top", "ja": "気に入|ぴったり|満足",
    "ko": "마음에 들|딱 맞|만족",
    "ar": "حلو|حلوة|ممتاز|ممتازة|عجبني|عجبتني|رائع|رائعة",
    "ru": "отлично|отличный|отличная|нравится|понравился|понравилась|идеально|подошёл|подошла",
    "uk": "чудовий|чудова|подобається|сподобався|сподобалася|ідеально|підійшов|підійшла",
    "tr": "harika|çok güzel|beğendim|mükemmel", "pl": "świetny|świetna|idealny|idealna|podoba mi się|super",
    "th": "ชอบมาก|ดีมาก|พอดี", "vi": "rất thích|ưng|đẹp lắm|vừa lắm",
    "id": "suka banget|bagus|mantap|pas banget",
    "ms": "suka sangat|cantik|padan", "hi": "पसंद आया|पसंद आई|बढ़िया|pasand aaya|pasand aayi|badhiya",
    "he": "מעולה|מושלם|אהבתי|מתאים",
}  # fmt: skip
# The word for an address, or for sending the parcel elsewhere ("could you send it to my office?"):
# "change" without one, beside an item, is an exchange ("¿me los pueden cambiar por medio número más?").
ADDRESS = {
    "en": "address|send it to my|deliver it to my|ship it to my|have it delivered to my"
          "|to my office instead|postcode|post code|zip code|postal code|to my work instead"
          "|apartment number|flat number|apt number|door code|gate code|entry code|buzzer|unit number"
          "|suite number",
    "zh": "地址|地點|寄到我|送到我|改寄到|改送到|改送|送到公司|寄到公司|邮编|邮政编码|郵遞區號|门牌号|门牌"
          "|房间号|单元号|门禁密码",
    "ja": "住所|お届け先|配送先|に送って|に届けて|郵便番号|部屋番号|号室|建物名|マンション名",
    "ko": "주소|배송지|로 보내|으로 보내|우편번호|동호수|상세주소|공동현관 비밀번호|현관 비밀번호",
    "es": "dirección|direccion|domicilio|enviarlo a mi|mandarlo a mi|enviarla a mi|mandarla a mi"
          "|código postal|número de piso|número de apartamento|piso y puerta|código de la puerta"
          "|código del portal",
    "pt": "endereço|endereco|morada|enviar para o meu|mandar para o meu|entregar no meu|cep|código postal"
          "|número do apartamento|número do apto|complemento|código do portão",
    "fr": "adresse|l'envoyer à mon|la livrer à mon|le livrer à mon|livrer au bureau|code postal"
          "|numéro d appartement|code de la porte|digicode|code d entrée",
    "de": "adresse|anschrift|lieferadresse|an meine arbeit|ins büro schicken|an mein büro|umgezogen"
          "|umziehen|plz|postleitzahl|stiege|türnummer|wohnungsnummer|hausnummer|klingelschild|stockwerk",
    "it": "indirizzo|mandarlo in ufficio|spedirlo in ufficio|consegnarlo in ufficio|in ufficio|cap"
          "|codice postale|consegnare in|consegnare a|numero interno|l interno|citofono|numero civico"
          "|scala e interno",
    "nl": "adres|bezorgadres|afleveradres|naar mijn werk sturen|naar kantoor sturen|verhuizen|verhuisd"
          "|postcode|huisnummer|huisnummertoevoeging|appartementnummer|deurcode",
    "ar": "عنوان|العنوان|ارسالها الى|إرسالها إلى|الرمز البريدي|رقم الشقة|رقم الشقه|رقم العمارة|رقم المبنى",
    "ru": "адрес|адреса|отправить на работу|доставить на работу|почтовый индекс|индекс|номер квартиры"
          "|код домофона|домофон|подъезд|номер дома",
    "uk": "адреса|адресу|адресою|доставити на роботу|поштовий індекс|індекс|номер квартири|код домофону"
          "|домофон|під їзд|номер будинку",
    "tr": "adres|adresi|adresim|adresimi|işyerime gönder|posta kodu|daire numarası|daire no|kapı numarası"
          "|kapı kodu",
    "pl": "adres|adresu|wysłać do pracy|kod pocztowy|numer mieszkania|numer lokalu|kod do domofonu|domofon",
    "th": "ที่อยู่|ส่งไปที่|รหัสไปรษณีย์|เลขห้อง|เลขที่ห้อง|ชื่อตึก",
    "vi": "địa chỉ|gửi tới|giao tới|giao đến|mã bưu điện|mã bưu chính|số phòng|số căn hộ|mã cổng|số nhà",
    "id": "alamat|kirim ke kantor|kode pos|nomor rumah|nomor unit|nomor apartemen",
    "ms": "alamat|hantar ke pejabat|poskod|nombor rumah|nombor unit|nombor apartmen",
    "hi": "पता|pata|office bhej|पिन कोड|pin code|pincode|flat number|flat no|फ्लैट नंबर|मकान नंबर",
    "he": "כתובת|הכתובת|לשלוח למשרד|מיקוד|מספר דירה|מספר הדירה|קוד לבניין|קוד כניסה|מספר בית",
}  # fmt: skip
# Keeping the address after all ("あ、やっぱり住所はそのままで大丈夫です"): an address change called off.
UNCHANGED = {
    "en": "keep the address|leave the address|address is fine|no need to change|don't change the address"
          "|never mind the address|keep it as it is",
    "zh": "地址不用改|不用改了|地址不变|保持原样|地址就这样",
    "es": "no hace falta cambiar|déjala como está|la dirección está bien|no cambies la dirección"
          "|olvida lo de la dirección",
    "pt": "não precisa mudar|deixa como está|o endereço está certo|não muda o endereço"
          "|pode deixar o endereço",
    "fr": "pas besoin de changer|laissez l'adresse|l'adresse est bonne|ne changez pas l'adresse",
    "de": "adresse bleibt|nicht ändern|muss nicht geändert|lassen sie die adresse",
    "it": "non serve cambiare|l'indirizzo va bene|non cambiate l'indirizzo|lasciate l'indirizzo",
    "nl": "adres klopt|niet wijzigen|hoeft niet gewijzigd|laat het adres",
    "ja": "住所はそのまま|そのままで大丈夫|変更しなくて|変更は不要|変えなくて",
    "ko": "주소는 그대로|그대로 두|안 바꿔도|변경 안 해도|바꾸지 않아도",
    "ar": "خلي العنوان|لا داعي للتغيير|العنوان كما هو|بدون تغيير",
    "ru": "не надо менять|оставьте адрес|менять не нужно|адрес оставьте",
    "uk": "не треба змінювати|залиште адресу|змінювати не потрібно",
    "tr": "adres kalsın|değiştirmeyin|değiştirmenize gerek yok|aynı kalsın",
    "pl": "nie trzeba zmieniać|adres bez zmian|nie zmieniajcie|zostawcie adres",
    "th": "ไม่ต้องเปลี่ยน|ใช้ที่อยู่เดิม|ที่อยู่เดิม",
    "vi": "không cần đổi|giữ nguyên địa chỉ|khỏi đổi|địa chỉ cũ",
    "id": "gak usah diganti|tidak perlu diubah|alamatnya tetap|ga jadi ganti|nggak jadi ganti",
    "ms": "tak perlu tukar|alamat kekal|tak jadi tukar|kekalkan alamat",
    "hi": "address mat badlo|pata mat badlo|badalne ki zarurat nahi|पता मत बदलो|पता बदलने की जरूरत नहीं",
    "he": "לא צריך לשנות|תשאירו את הכתובת|הכתובת נשארת|אל תשנו",
}  # fmt: skip
# "No need", "I'm fine": an offer (a person, more help) declined, though not with a plain no.
NOT_NEEDED = {
    "en": "no need|i'm good|i am good|i'm fine|not necessary", "zh": "不用了|不需要|没事了|沒事了",
    "es": "no hace falta|no es necesario|así está bien", "pt": "não precisa|não é preciso|tudo bem assim",
    "fr": "pas besoin|pas la peine|ça ira", "de": "nicht nötig|brauche ich nicht|passt schon",
    "it": "non serve|non è necessario|va bene così", "nl": "hoeft niet|niet nodig|laat maar",
    "ja": "大丈夫です|結構です|けっこうです|ほどではない|必要ありません",
    "ko": "괜찮아요|괜찮습니다|필요 없어요",
    "ar": "لا داعي|مش لازم|ما يحتاج", "ru": "не нужно|не надо|не стоит", "uk": "не потрібно|не треба",
    "tr": "gerek yok|gerekmez", "pl": "nie trzeba|nie potrzeba", "th": "ไม่เป็นไร|ไม่ต้อง",
    "vi": "không cần|khỏi cần", "id": "gak usah|nggak usah|tidak perlu|ga usah", "ms": "tak perlu|tak payah",
    "hi": "zarurat nahi|rehne do|ज़रूरत नहीं|रहने दो", "he": "אין צורך|לא צריך",
}  # fmt: skip
# Asking to send an item back: request forms, not "I returned it" (that is a question about a refund).
SEND_BACK = {
    "en": "return it|return them|return this|return these|send it back|send them back|can i return"
          "|could i return|want to return|like to return|how do i return",
    "zh": "退货|退回去|寄回去|能退吗|可以退吗|想退",
    "es": "devolver|devolverlo|devolverla|devolverlos|devolverlas",
    "pt": "devolver|devolvê-lo|devolvê-la|devolvê-los",
    "fr": "retourner|renvoyer|le retourner|la renvoyer",
    "de": "zurückschicken|zurücksenden|zurückgeben|retournieren|zurück schicken",
    "it": "restituire|restituirlo|restituirla|rispedire|rimandare indietro",
    "nl": "terugsturen|retourneren",
    "ja": "返品したい|返品できます|返品できる|返品可能|返品する|返品をお願い|返送したい",
    "ko": "반품하고|반품할|반품 가능|반품 신청|반품하려",
    "ar": "إرجاع المنتج|ارجاع المنتج|إرجاعه|ارجاعه|أرجعه",
    "ru": "вернуть товар|вернуть его|вернуть её|вернуть их|оформить возврат|отправить обратно",
    "tr": "iade etmek|iade edebilir|geri göndermek|geri gönderebilir|iade",
    "pl": "zwrócić|odesłać|oddać",
    "th": "คืนสินค้า|ส่งคืน|ขอคืน",
    "vi": "trả hàng|trả lại|gửi trả|đổi trả",
    "id": "mengembalikan|kembalikan|retur|balikin",
    "ms": "memulangkan|pulangkan|hantar balik",
    "hi": "वापस करना|वापस भेजना|लौटाना|wapas karna|return karna|wapas bhejna",
    "he": "להחזיר|לשלוח בחזרה",
    "uk": "повернути товар|повернути його|повернути її|оформити повернення",
}  # fmt: skip
# Words that say a parcel is late.
DELAY = {
    "en": "late|delayed|delay|overdue|taking so long|taking forever",
    "zh": "延迟|延误|晚到|迟迟|太慢|还没到|还没收到|还没有收到|一直没收到|這麼久|这么久",
    "es": "retraso|retrasado|retrasada|demora|demorado|tardando",
    "pt": "atraso|atrasado|atrasada|atrasou|demora|demorando",
    "fr": "retard|en retard|retardé|retardée",
    "de": "verspätet|verspätung|verzögert|verzögerung|zu spät|dauert so lange",
    "it": "ritardo|in ritardo|ritardata|ritardato",
    "nl": "vertraging|vertraagd|te laat",
    "ja": "遅れ|遅延|遅い|まだ届かない", "ko": "지연|늦어|늦게|늦어지",
    "ar": "تأخير|تأخر|متأخر|متأخرة", "ru": "задержка|задерживается|опаздывает|опоздание|задержали",
    "tr": "gecikme|gecikti|gecikiyor|geç kaldı", "pl": "opóźnienie|opóźniona|opóźniony|spóźnia",
    "th": "ล่าช้า|ช้า|ยังไม่ถึง|ยังไม่มา", "vi": "trễ|chậm|bị chậm|giao trễ",
    "id": "terlambat|telat|lambat|tertunda", "ms": "lambat|lewat|tertangguh",
    "hi": "देरी|देर|लेट|abhi tak nahi aaya|ab tak nahi aaya|nahi pahuncha|der ho",
    "he": "מתעכב|מתעכבת|עיכוב|באיחור|מאחר|מאחרת",
    "uk": "затримка|затримується|запізнюється",
}  # fmt: skip


# Asking to cancel: verbs and nouns only, not "cancelled" (an order the shop cancelled is a question
# about it, not a request).
CANCEL = {
    "en": "cancel|cancellation|cancel it",
    "zh": "取消|取消订单|取消訂單",
    "es": "cancelar|cancela|cancelen|cancélalo|cancelación|anular|anula|sacame|sácame|quitame|quítame"
          "|sacar del pedido|quitar del pedido|sacar solo|quitar solo|me podés sacar|me puedes sacar"
          "|me podés quitar|me puedes quitar",
    "pt": "cancelar|cancela|cancelem|cancelamento|anular|anulem|anule|anulação",
    "fr": "annuler|annulez|annule|annulation",
    "de": "stornieren|stornierung|storno|storniert mal",
    "it": "annullare|annulla|annullate|annullamento|cancellare",
    "nl": "annuleren|annuleer|annulering",
    "ja": "キャンセル|取り消し|取消",
    "ko": "취소",
    "ar": "إلغاء|الغاء|الغي|ألغي|الغوا|ألغوا|كنسل|تلغون|تلغونه|تلغوه|تلغيه|الغوه|ألغوه|الغيه|ألغيه",
    "ru": "отменить|отмените|отмена|отмени",
    "tr": "iptal",
    "pl": "anulować|anuluj|anulujcie|anulowanie",
    "th": "ยกเลิก",
    "vi": "hủy|huỷ|huy don|huy giup|huy dum|huy di|huy nha|muon huy|hủy luôn|huy luon|hủy giùm|huy gium"
          "|hủy đơn|hủy giúp",
    "id": "batal|batalkan|batalin|pembatalan|cancel",
    "ms": "batal|batalkan|pembatalan|cancel",
    "hi": "रद्द|कैंसल|cancel|radd",
    "he": "לבטל|ביטול|בטלו|תבטלו",
    "uk": "скасувати|скасуйте|скасування|скасуй",
}  # fmt: skip


# Thanks, as a whole message or to close one ("ok, I'll borrow a card then, thanks").
THANKS = {
    "en": "thanks|thank you|thx|ty|cheers|much appreciated|thank u|tysm|thanx|thnx|tks",
    "zh": "谢谢|多谢|感谢|谢啦|謝謝|多謝|感謝|謝啦|谢了|3q",
    "es": "gracias|muchas gracias|mil gracias|grax|grcs",
    "pt": "obrigado|obrigada|brigado|brigada|valeu|vlw|obg|agradeço",
    "fr": "merci|merci beaucoup|merci bcp|mrc|je vous remercie",
    "de": "danke|vielen dank|dankeschön|danke schön|merci vielmal|merci viu mal|merci|danke dir|thx",
    "it": "grazie|grazie mille|grz|ti ringrazio|la ringrazio",
    "nl": "bedankt|dank je|dank u|dankjewel|dank u wel|dankje|thanks|merci|merci hé",
    "ja": "ありがとう|ありがとうございます|ありがとうございました|どうも|サンキュー|あざす|あざっす",
    "ko": "감사합니다|감사해요|고마워요|고맙습니다|감사|고마워|땡큐|ㄱㅅ|ㄱㅅㄱㅅ|ㄳ|ㄳㄳ",
    "ar": "شكرا|شكراً|شكرًا|مشكور|مشكورين|مشكورة|تسلم|يعطيك العافية|يعطيكم العافية|يسلمو",
    "ru": "спасибо|благодарю|спс|спасибки",
    "tr": "teşekkürler|teşekkür ederim|sağol|sağ olun|sagol|sagolun|sağolun|tesekkurler|tşk|tsk",
    "pl": "dziękuję|dzięki|dziekuje|dzieki",
    "th": "ขอบคุณ|ขอบใจ|แต๊งกิ้ว",
    "vi": "cảm ơn|cám ơn|cam on|camon|tks",
    "id": "terima kasih|makasih|makasi|terimakasih|trims|mksh|tengkyu",
    "ms": "terima kasih|tq|tqvm|terima kasih banyak|trima kasih",
    "hi": "धन्यवाद|शुक्रिया|shukriya|dhanyavad|thanks|thank you",
    "he": "תודה|תודה רבה|תנקס",
    "uk": "дякую|дякс|спасибі",
}  # fmt: skip


# Phrases that ask whether or how parcels go to a place ("do you ship to Dubai?"); with a country
# named, a shipping question beside another one.
SHIP_TO = {
    "en": "ship to|deliver to|shipping to|send to|do you ship|deliver abroad",
    "zh": "寄到|发到|运到|送到|配送到|寄往",
    "ja": "に発送|へ発送|に配送|へ配送|に送れ|まで送|に送って|へ送って|に送る|へ送る",
    "ko": "으로 배송|로 배송|에 배송|배송 가능|해외 배송|배송되나요|배송 되나요|배송돼요|배송이 되나요",
    "es": "envían a|envian a|envías a|hacen envíos a|mandan a|envío a|envíos a",
    "pt": "enviam para|entregam em|mandam para|envio para|frete para|entregam para",
    "fr": "livrez en|livrez au|livrez aux|expédiez en|expédiez au|livraison vers|envoyez en|livraison en"
          "|livraison au|livraison aux|envoi en|envoi vers",
    "de": "liefert ihr nach|liefern sie nach|versendet ihr nach|versenden sie nach|versand nach"
          "|lieferung nach",
    "it": "spedite in|spedite a|spedizione in|spedizione verso|consegnate in",
    "nl": "verzenden jullie naar|leveren jullie in|bezorgen jullie in|verzending naar|sturen jullie naar",
    "ar": "تشحنون إلى|الشحن إلى|توصلون إلى|التوصيل إلى|ترسلون إلى",
    "ru": "доставляете в|отправляете в|доставка в|отправка в",
    "uk": "доставляєте в|відправляєте в|доставка в|доставка до|відправка до",
    "pl": "wysyłacie do|dostarczacie do|wysyłka do|dostawa do",
    "tr": "gönderiyor musunuz|kargo yapıyor musunuz|gönderim yapıyor musunuz|gönderim var mı",
    "th": "ส่งไป|ส่งถึง|จัดส่งไป", "vi": "giao đến|gửi đến|ship đến|ship sang|giao sang|gửi sang|ship qua",
    "id": "kirim ke|pengiriman ke|ngirim ke", "ms": "hantar ke|pos ke|penghantaran ke",
    "hi": "भेजते हैं|डिलीवरी करते|शिप करते|ship karte|bhejte ho|deliver karte",
    "he": "שולחים|משלוחים",
}  # fmt: skip
# "That's all", "bye": the answer to "anything else?" that ends the conversation.
DONE = {
    "en": "that's all|that's everything|that is all|nothing else|bye|goodbye|that's it|have a nice day"
          "|have a good day|have a good one",
    "es": "eso era todo|eso es todo|nada más|es todo|adiós|chao|chau|buen día|buen finde"
          "|buen fin de semana|que tengas buen día",
    "pt": "é só isso|era só isso|só isso|nada mais|tchau|tenha um bom dia|bom fim de semana",
    "fr": "c'est tout|rien d'autre|au revoir|bonne journée|bonne soirée|bon week-end",
    "de": "das war's|das wars|das war alles|nichts weiter|tschüss|tschüs|sonst nichts|schönen tag"
          "|schönen abend|schönes wochenende",
    "it": "è tutto|niente altro|nient'altro|arrivederci|buona giornata|buona serata",
    "nl": "dat was het|dat is alles|verder niets|doei|fijne dag|prettige dag|fijn weekend|salukes|salu"
          "|tot ziens|daag",
    "ja": "以上です|それだけです|失礼します|良い一日を",
    "ko": "그게 다예요|그게 다입니다|안녕히|좋은 하루|이만 갈게요|이제 자러 갈게요",
    "zh": "没有了|就这些|没别的了|再见|拜拜|祝你愉快",
    "ar": "هذا كل|هذا كل شيء|لا شيء آخر|مع السلامة|يومك سعيد",
    "ru": "это всё|это все|больше ничего|до свидания|хорошего дня|хорошего вечера",
    "uk": "це все|більше нічого|до побачення|гарного дня",
    "pl": "to wszystko|nic więcej|do widzenia|to tyle|miłego dnia|miłego wieczoru",
    "tr": "bu kadar|başka bir şey yok|hoşça kalın|görüşürüz|iyi günler|iyi akşamlar",
    "th": "แค่นี้|ไม่มีแล้ว|เท่านี้|ขอให้มีวันที่ดี",
    "vi": "vậy thôi|thế thôi|không còn gì|tạm biệt|chúc shop một ngày tốt lành",
    "id": "itu saja|itu aja|sudah cukup|udah cukup|selamat siang|selamat malam",
    "ms": "itu sahaja|itu je|dah cukup|selamat tinggal",
    "hi": "बस इतना ही|और कुछ नहीं|bas itna hi|aur kuch nahi",
    "he": "זה הכל|אין עוד|להתראות|יום טוב|ערב טוב|שבוע טוב",
}  # fmt: skip
# "Ok, I'll wait": to "anything else?", a goodbye too.
WAITING = {
    "en": "i'll wait|i will wait|i can wait|will wait for it", "es": "esperaré|me espero|pues espero",
    "pt": "vou esperar|vou aguardar|fico aguardando|aguardo então", "fr": "j'attends|je vais attendre",
    "de": "ich warte|warte ich|dann warte ich|wart ich|dann wart ich",
    "it": "aspetterò|allora aspetto|attendo allora",
    "nl": "ik wacht|dan wacht ik", "ja": "待ちます|待っています|待ってます",
    "ko": "기다릴게요|기다리겠습니다",
    "zh": "我等着|那我等|等着吧|我再等等", "ar": "سأنتظر|بنتظر|راح انتظر|هنتظر", "ru": "подожду|буду ждать",
    "uk": "почекаю|чекатиму|зачекаю", "pl": "poczekam|zaczekam",
    "tr": "beklerim|bekleyeceğim|bekliyorum o zaman",
    "th": "รอได้|จะรอ|รอค่ะ|รอครับ", "vi": "em đợi|mình đợi|em chờ|mình chờ|sẽ đợi|sẽ chờ|đợi nhé|chờ nhé",
    "id": "ditunggu|aku tunggu|saya tunggu|siap kak", "ms": "saya tunggu|tunggu je|saya akan tunggu",
    "hi": "wait karunga|wait karungi|intezaar karunga|इंतज़ार करूँगा|इंतजार करूंगा", "he": "אחכה|אני אחכה",
}  # fmt: skip
for _language, _words in WAITING.items():
    DONE[_language] = f"{DONE[_language]}|{_words}" if _language in DONE else _words
# Words about customs and import duties.
CUSTOMS = {
    "en": "customs|duties|import duty|import tax|import fees",
    "zh": "关税|海关|清关|进口税", "ja": "関税|通関|輸入税", "ko": "관세|통관|세관",
    "es": "aduana|aranceles|arancel|impuestos de importación",
    "pt": "alfândega|taxa de importação|taxas de importação|imposto de importação|taxação",
    "fr": "douane|droits de douane|frais de douane|taxes d'importation|dédouanement|frais de dédouanement",
    "de": "zoll|zollgebühren|einfuhrumsatzsteuer|einfuhrabgaben", "it": "dogana|dazi|dazio|spese doganali",
    "nl": "douane|invoerrechten|inklaringskosten", "ar": "الجمارك|جمارك|رسوم جمركية|الجمرك|الديوانة|ديوانة",
    "ru": "таможня|таможенные|таможенный|пошлина|пошлину|пошлины|растаможка", "uk": "митниця|мито|митні",
    "pl": "cło|cła|cłem|opłaty celne|odprawa celna", "tr": "gümrük|gümrük vergisi",
    "th": "ภาษีนำเข้า|ศุลกากร", "vi": "thuế nhập khẩu|hải quan", "id": "bea cukai|pajak impor|bea masuk",
    "ms": "kastam|duti import|cukai import", "hi": "कस्टम|सीमा शुल्क|custom duty", "he": "מכס|מיסי יבוא",
}  # fmt: skip

# "Sorry, wrong number": a message that says the order named before was a mistake.
MISTAKE = {
    "en": "wrong number|wrong order|typo|i meant|i mean|sorry i meant"
          "|my mistake|mistyped",
    "zh": "号码错了|输错了|写错了|打错了|订单号错了|搞错了|我是说",
    "es": "número equivocado|me equivoqué|quise decir|perdón era"
          "|error de número|me he liado",
    "pt": "número errado|me enganei|quis dizer|digitei errado|errei",
    "fr": "mauvais numéro|je me suis trompé|je me suis trompée"
          "|je voulais dire|erreur de numéro",
    "de": "falsche nummer|vertippt|ich meinte|verschrieben"
          "|falsche bestellnummer",
    "it": "numero sbagliato|mi sono sbagliato|mi sono sbagliata"
          "|intendevo|ho sbagliato",
    "nl": "verkeerde nummer|verkeerd nummer|verkeerde bestelling"
          "|ik bedoel|ik bedoelde|typfout|vergist",
    "ja": "間違えました|番号違い|間違い|打ち間違い|ではなくて",
    "ko": "잘못 썼|번호를 잘못|잘못 입력|잘못 말했|번호 틀렸",
    "ar": "رقم خطأ|رقم غلط|الرقم غلط|أخطأت|اقصد|أقصد",
    "ru": "не тот номер|ошибся|ошиблась|опечатка|я имел в виду"
          "|я имела в виду",
    "tr": "yanlış numara|yanlış yazdım|demek istedim|karıştırdım",
    "pl": "zły numer|pomyliłem|pomyliłam|literówka|chodziło mi",
    "th": "เลขผิด|พิมพ์ผิด|ผิดเลข",
    "vi": "nhầm số|sai số|gõ nhầm|ý tôi là",
    "id": "salah nomor|nomor salah|salah ketik|maksud saya",
    "ms": "salah nombor|nombor salah|tersilap|maksud saya",
    "hi": "गलत नंबर|galat number|गलती से|मेरा मतलब",
    "he": "מספר שגוי|טעיתי|התכוונתי",
    "uk": "не той номер|помилився|помилилася|описка",
}  # fmt: skip

# "Not a refund, a replacement": words that take back the remedy they stand before ...
NOT_BEFORE = {
    "en": "not|instead of|rather than|don t want|do not want|dont want"
          "|no need for|don t|do not|dont",
    "zh": "不要|不是|不用|而不是|不想要|别",
    "es": "no quiero|no un|no una|en vez de|en lugar de|nada de|sin",
    "pt": "não quero|não um|não uma|em vez de|ao invés de|nada de|sem",
    "fr": "pas de|pas un|pas une|plutôt qu un|plutôt que|au lieu d un"
          "|au lieu de|aucun|sans",
    "de": "kein|keine|keinen|statt|anstatt|anstelle|nicht",
    "it": "non voglio|non un|non una|invece di|invece che|anziché"
          "|piuttosto che|niente",
    "nl": "geen|niet|in plaats van|liever dan",
    "ja": "",
    "ko": "",
    "ar": "لا|ليس|مش|بدل|بدلا من|بلاش|مو",
    "ru": "не|вместо|никаких|без",
    "tr": "",
    "pl": "nie|zamiast|bez",
    "th": "ไม่เอา|ไม่ต้อง|แทน",
    "vi": "không|không muốn|không cần|thay vì",
    "id": "bukan|tidak mau|tidak perlu|daripada|ketimbang|jangan",
    "ms": "bukan|tak nak|tidak mahu|tak perlu|daripada|jangan",
    "hi": "",
    "he": "לא|במקום|בלי",
    "uk": "не|замість|без",
}  # fmt: skip

# ... or after ("환불 말고 교환", "返金ではなく交換", "para iadesi değil").
NOT_AFTER = {
    "en": "",
    "zh": "就算了|不要了|就不用了",
    "ja": "ではなく|じゃなくて|じゃなく|ではなくて|より|はいらない|は要らない|は結構",
    "ko": "말고|대신|아니고|아니라|필요 없",
    "tr": "değil|yerine|istemiyorum",
    "hi": "नहीं|की जगह|nahi|nahin|ki jagah",
    "th": "ไม่เอา",
    "es": "",
    "pt": "",
    "fr": "",
    "de": "",
    "it": "",
    "nl": "",
    "ar": "",
    "ru": "",
    "pl": "",
    "vi": "",
    "id": "",
    "ms": "",
    "he": "",
    "uk": "",
}  # fmt: skip

# "And when will it get here, roughly?": about the order already spoken of, a tracking question.
ARRIVAL = {
    "en": "when will it arrive|when will it get here"
          "|when does it arrive|when will i get it|when will i receive"
          "|when will it come|how long until it arrives",
    "zh": "什么时候到|何时到|几时到|多久到|什么时候能收到",
    "es": "llegará|cuándo llega|cuando llega|cuándo me llega"
          "|cuándo lo recibo",
    "pt": "chegará|quando chega|vai chegar|quando recebo",
    "fr": "arrivera|quand est ce que je le reçois"
          "|quand vais je le recevoir",
    "de": "wann kommt|ankommen|ankommt|wann ist es da|wann bekomme ich",
    "it": "arriverà|quando arriva|quando mi arriva",
    "nl": "wanneer komt|aankomen|wanneer is het er|wanneer krijg ik",
    "ja": "いつ届き|いつ届く|いつ着き|いつ頃届",
    "ko": "언제 도착|언제 와요|언제 오나요|언제 받을|언제쯤 와|언제쯤 도착|언제쯤 받",
    "ar": "متى يصل|متى سيصل|متى توصل|امتى يوصل",
    "ru": "придёт|придет|когда доставят|когда получу|когда будет|когда примерно будет",
    "tr": "ne zaman gelir|ne zaman gelecek|ne zaman ulaşır",
    "pl": "dotrze|kiedy przyjdzie|kiedy dostanę",
    "th": "เมื่อไหร่จะถึง|จะถึงเมื่อไหร่|ได้รับเมื่อไหร่",
    "vi": "khi nào đến|bao giờ đến|khi nào nhận|bao giờ nhận",
    "id": "kapan sampai|kapan datang|kapan tiba",
    "ms": "bila sampai|bila tiba|bila dapat",
    "hi": "कब आएगा|कब मिलेगा|kab aayega|kab milega|kab aaega",
    "he": "מתי יגיע|מתי זה יגיע|מתי אקבל",
    "uk": "прийде|коли доставлять|коли отримаю|коли буде|коли приблизно буде",
}  # fmt: skip


# Words for the details that verify an order: "why do you need my email?" while the bot waits for
# one is about that step, not a new request (an invoice, to the model, for "email").
CONTACT = {
    "en": "email|e-mail|mail|phone|phone number|mobile|cell",
    "zh": "邮箱|电子邮件|邮件|手机|电话|手机号|電話|郵箱",
    "es": "correo|email|e-mail|mail|teléfono|telefono|móvil|movil|celular",
    "pt": "email|e-mail|telefone|telemóvel|telemovel|celular",
    "fr": "mail|e-mail|email|courriel|téléphone|telephone|portable",
    "de": "e-mail|email|mail|telefon|telefonnummer|handy|handynummer",
    "it": "email|e-mail|mail|telefono|cellulare",
    "nl": "e-mail|email|mail|mailadres|telefoon|telefoonnummer|gsm",
    "ja": "メール|メールアドレス|電話|電話番号|携帯", "ko": "이메일|메일|전화|전화번호|휴대폰|핸드폰",
    "ar": "الإيميل|ايميل|إيميل|الايميل|البريد|الجوال|جوال|الهاتف|التلفون",
    "ru": "почта|почту|почты|email|имейл|емейл|телефон|телефона", "tr": "e-posta|eposta|mail|telefon",
    "pl": "e-mail|email|mail|maila|telefon|telefonu|komórka", "th": "อีเมล|อีเมล์|เบอร์|เบอร์โทร|โทรศัพท์",
    "vi": "email|mail|số điện thoại|sđt|sdt|điện thoại", "id": "email|surel|nomor hp|no hp|hp|telepon",
    "ms": "emel|email|nombor telefon|telefon|hp", "hi": "ईमेल|ई-मेल|फ़ोन|फोन|मोबाइल|email|phone|mobile",
    "he": "מייל|אימייל|טלפון|נייד", "uk": "пошта|пошту|пошти|імейл|email|телефон|телефону",
}  # fmt: skip


# "When?" asked again after the answer about an order ("so when exactly?", "jadi tepatnya kapan?").
WHEN = {
    "en": "when|what time|what day|which day", "zh": "什么时候|几时|哪天|幾時|什麼時候|哪一天",
    "es": "cuándo|cuando|qué día", "pt": "quando|que dia", "fr": "quand|quel jour", "de": "wann|welchem tag",
    "it": "quando|che giorno", "nl": "wanneer|welke dag", "ja": "いつ|何日|何時", "ko": "언제|몇 시|며칠",
    "ar": "متى|امتى|إمتى|وقتيش|أي يوم", "ru": "когда|какого числа", "tr": "ne zaman|hangi gün",
    "pl": "kiedy|którego", "th": "เมื่อไหร่|เมื่อไร|กี่โมง|วันไหน", "vi": "khi nào|bao giờ|lúc nào|hôm nào",
    "id": "kapan|jam berapa|hari apa", "ms": "bila|bilakah|hari apa", "hi": "कब|kab|kis din",
    "he": "מתי|באיזה יום", "uk": "коли|якого числа",
}  # fmt: skip


# "Ok", "got it", "了解です", "sip": the answer taken, as the whole message (emoji aside).
ACK = {
    "en": "ok|okay|k|kk|got it|alright|all right|cool|great|perfect|noted|ok great|ok cool",
    "zh": "好的|好|了解|明白|明白了|知道了|收到|行|ok",
    "es": "vale|ok|perfecto|genial|entendido|de acuerdo|va|sale|órale",
    "pt": "ok|beleza|blz|entendi|perfeito|tá bom|ta bom|certo",
    "fr": "ok|d'accord|parfait|compris|super|ça marche",
    "de": "ok|okay|alles klar|passt|super|verstanden|gut|prima", "it": "ok|va bene|perfetto|capito|ottimo",
    "nl": "ok|oké|top|prima|helder|duidelijk|ok top|top dank",
    "ja": "了解|了解です|わかりました|分かりました|承知しました|ok",
    "ko": "네 알겠습니다|알겠습니다|알겠어요|ㅇㅋ|오케이|넵|네", "ar": "تمام|طيب|حسنا|ماشي|اوكي|ok",
    "ru": "ок|окей|понятно|ясно|хорошо|ладно|ok", "tr": "tamam|anladım|peki|ok|tamamdır",
    "pl": "ok|dobrze|jasne|rozumiem|super", "th": "โอเค|เข้าใจแล้ว|รับทราบ|ok",
    "vi": "ok|oke|dạ|vâng|hiểu rồi|dạ vâng", "id": "oke|ok|sip|siap|baik|oh gitu|oke deh",
    "ms": "ok|okey|baik|faham|okay", "hi": "ठीक है|ok|achha|अच्छा|theek hai|thik hai",
    "he": "אוקיי|בסדר|מעולה|הבנתי|סבבה", "uk": "ок|добре|зрозуміло|гаразд|ok",
}  # fmt: skip


# A change of mind inside one message ("Ersatz bitte. Ach nee, lieber doch das Geld zurück"): what
# comes after it is what is wanted.
RETHINK = {
    "en": "actually|on second thought|on second thoughts|no wait|wait no|scratch that|changed my mind"
          "|rather",
    "zh": "算了|还是|等等|不对|改主意", "es": "mejor|pensándolo bien|en realidad|cambié de opinión|espera",
    "pt": "na verdade|pensando bem|melhor|mudei de ideia|espera", "fr": "en fait|finalement|plutôt"
          "|tout compte fait|attendez|réflexion faite",
    "de": "ach nee|ach nein|lieber|eigentlich|doch nicht|moment|warte|andererseits",
    "it": "anzi|in realtà|pensandoci meglio|aspetta|preferisco|meglio",
    "nl": "eigenlijk|toch maar|liever|wacht|bij nader inzien", "ja": "やっぱり|やっぱ|やはり|待って",
    "ko": "아니다|역시|차라리|잠깐|아 아니", "ar": "بالأحرى|في الحقيقة|الأفضل|غيرت رأيي|استنى",
    "ru": "хотя нет|лучше|передумал|передумала|подождите|а нет|вообще-то",
    "tr": "aslında|vazgeçtim|dur|yok yok|daha iyi", "pl": "właściwie|jednak|wolę|czekaj|a nie"
          "|zmieniłem zdanie|zmieniłam zdanie",
    "th": "เปลี่ยนใจ|เอาเป็น|ไม่สิ", "vi": "à không|mà thôi|đổi ý|thực ra|thôi",
    "id": "eh|gak jadi|nggak jadi|mending|sebenarnya", "ms": "eh|tak jadi|sebenarnya|lebih baik",
    "hi": "actually|balki|बल्कि|असल में", "he": "בעצם|רגע|עדיף|שיניתי את דעתי",
    "uk": "хоча ні|краще|передумав|передумала|зачекайте|а ні",
}  # fmt: skip


# Particles and words of politeness around a thanks or an "ok" ("ขอบคุณค่ะ", "cảm ơn shop nha",
# "makasih kak", "thanks so much"): a message of nothing else is still nothing but that.
POLITE = {
    "en": "so much|very much|a lot|again|guys|mate|ah|oh|hi|hello|hey|please",
    "zh": "啦|哈|哦|呀|亲",
    "es": "muchas|de nuevo",
    "pt": "muito|de novo",
    "fr": "encore|beaucoup",
    "de": "nochmal|sehr",
    "it": "ancora|molto",
    "nl": "nogmaals|wel|allez|hé",
    "ja": "本当に|どうも",
    "ko": "정말|진짜",
    "ar": "جزيلا|جزيلاً|كثير",
    "ru": "большое|огромное",
    "tr": "çok",
    "pl": "bardzo|wielkie",
    "th": "ค่ะ|ครับ|คะ|นะ|จ้า|จ้ะ|มาก",
    "vi": "ạ|nha|nhé|nhe|shop|nhiều|nhiu|ơi",
    "id": "kak|gan|min|sis|banyak",
    "ms": "ye|je|tuan|puan|banyak",
    "hi": "ji|जी|bahut|बहुत",
    "he": "רבה|מאוד",
    "uk": "велике|дуже",
}  # fmt: skip


# "How long will that take?": after a hand-off, the wait is told again.
HOW_LONG = {
    "en": "how long|how much longer",
    "zh": "多久|多长时间|多長時間",
    "es": "cuánto tarda|cuánto tiempo|cuánto falta|cuánto tardan",
    "pt": "quanto tempo|quanto demora|quanto tempo demora",
    "fr": "combien de temps",
    "de": "wie lange",
    "it": "quanto tempo|quanto ci vuole",
    "nl": "hoe lang",
    "ja": "どのくらい|どれくらい|何分",
    "ko": "얼마나|몇 분",
    "ar": "كم من الوقت|قديش|كم ساعة",
    "ru": "сколько ждать|как долго|сколько времени",
    "tr": "ne kadar sürer|ne kadar süre",
    "pl": "jak długo|ile czasu",
    "th": "นานไหม|นานแค่ไหน|กี่นาที",
    "vi": "bao lâu",
    "id": "berapa lama",
    "ms": "berapa lama",
    "hi": "कितना समय|kitna time|kitni der",
    "he": "כמה זמן",
    "uk": "як довго|скільки чекати|скільки часу",
}  # fmt: skip


# An item missing from a delivered parcel ("il manque la théière"): no return, a person checks it.
MISSING = {
    "en": "missing|wasn't in the box|was not in the box|not in the parcel|not in the package",
    "zh": "少了|缺了|少发|漏发|没有在包裹里",
    "es": "falta|faltaba|no venía|no estaba en la caja",
    "pt": "faltou|faltando|falta|não veio|não estava na caixa",
    "fr": "il manque|manquant|manquante|manquait|pas dans le colis|pas dans le carton",
    "de": "fehlt|fehlte|nicht im paket|war nicht dabei",
    "it": "manca|mancava|mancante|non c'era",
    "nl": "ontbreekt|ontbrak|zat er niet in|niet in het pakket",
    "ja": "入っていない|入ってなかった|入っていません|足りない|欠品",
    "ko": "빠져 있|빠졌|누락|안 들어 있|안 들어있",
    "ar": "ناقص|ناقصة|مفقود|مفقودة",
    "ru": "не хватает|не было в посылке|недоложили",
    "tr": "eksik|kutuda yoktu|içinde yoktu",
    "pl": "brakuje|brakowało|nie było w paczce",
    "th": "ของไม่ครบ|ไม่ครบ|ขาดไป",
    "vi": "thiếu|giao thiếu|không có trong hộp",
    "id": "kurang satu|tidak ada di paket|nggak ada di paket|gak ada di paket",
    "ms": "kurang satu|tiada dalam kotak|tak ada dalam kotak",
    "hi": "गायब|missing tha|nahi tha",
    "he": "חסר|חסרה|לא היה בחבילה",
    "uk": "бракує|не було в посилці",
}  # fmt: skip


# "May I ask something?", "shop ơi cho mình hỏi xíu": an opener that announces a question; alone, a
# greeting to answer with "how can I help?", not an order question.
MAY_I_ASK = {
    "en": "can i ask something|may i ask something|quick question|i have a question"
          "|can i ask you something|a question|one question|got a question|question for you",
    "zh": "请问一下|想问一下|问一下|我想问|有个问题|咨询一下|请教一下|想咨询一下",
    "es": "una pregunta|puedo preguntar algo|tengo una pregunta|una consulta|tengo una consulta|una duda"
          "|tengo una duda|consulta rápida|una consultita",
    "pt": "uma pergunta|posso perguntar uma coisa|tenho uma dúvida|uma dúvida|uma consulta"
          "|uma dúvida rápida|tenho uma pergunta",
    "fr": "une question|j'ai une question|je peux vous poser une question|une petite question"
          "|petite question|un renseignement",
    "de": "eine frage|kurze frage|ich hätte eine frage|darf ich was fragen|eine kurze frage"
          "|hätte mal eine frage|hab eine frage",
    "it": "una domanda|posso chiedere|ho una domanda|un informazione|una info|avrei una domanda"
          "|una curiosità",
    "nl": "een vraag|korte vraag|ik heb een vraag|mag ik iets vragen|vraagje|een vraagje"
          "|ik heb een vraagje",
    "ja": "質問があります|質問です|聞きたいことがあります|ちょっと質問|質問があるのですが"
          "|お聞きしたいのですが|お尋ねしたいのですが",
    "ko": "질문 있어요|질문이 있어요|문의드릴게 있어요|여쭤볼게 있어요|문의드려요|질문요|하나 물어볼게요"
          "|문의할게 있어요",
    "ar": "عندي سؤال|سؤال بسيط|ممكن اسأل|استفسار|عندي استفسار|سؤال",
    "ru": "у меня вопрос|можно вопрос|есть вопрос|вопрос есть|один вопрос|вопрос",
    "tr": "bir sorum var|bir şey sorabilir miyim|soru soracaktım|sorum var|bir soru|bir sorum olacak",
    "pl": "mam pytanie|mam pytanko|można zapytać|pytanie|jedno pytanie|mam jedno pytanie",
    "th": "ขอถามหน่อย|มีคำถาม|สอบถามหน่อย|สอบถามค่ะ|สอบถามครับ|ขอสอบถาม",
    "vi": "cho mình hỏi xíu|cho mình hỏi chút|cho em hỏi xíu|cho em hỏi chút|cho mình hỏi|cho em hỏi"
          "|hỏi xíu|hỏi chút|cho hỏi",
    "id": "mau tanya|boleh tanya|numpang tanya|mau nanya|mau nanya dong|tanya dong|mau tanya kak"
          "|mau tanya dong",
    "ms": "nak tanya|boleh tanya|nak tanya sikit|tumpang tanya|nak tanya ni",
    "hi": "ek sawaal|ek sawal|एक सवाल|kuch puchna hai|कुछ पूछना है|ek question|ek sawal hai|ek sawaal hai",
    "he": "יש לי שאלה|שאלה קטנה|שאלה|שאלה אחת|רציתי לשאול",
    "uk": "є питання|можна запитати|у мене питання|одне питання|питання|маю питання",
}  # fmt: skip


# "Just the thermos, keep the rest": one item of an order, not the whole of it.
ONLY = {
    "en": "only|just",
    "zh": "只|只要|就",
    "es": "solo|sólo|nada más|únicamente",
    "pt": "só|apenas|somente",
    "fr": "seulement|juste|uniquement",
    "de": "nur|bloß",
    "it": "solo|soltanto|solamente",
    "nl": "alleen|enkel|maar",
    "ja": "だけ|のみ",
    "ko": "만|하나만",
    "ar": "فقط|بس",
    "ru": "только|лишь",
    "tr": "sadece|yalnızca",
    "pl": "tylko|jedynie",
    "th": "แค่|เท่านั้น",
    "vi": "chỉ|thôi",
    "id": "aja|saja|doang",
    "ms": "je|saja|sahaja",
    "hi": "sirf|सिर्फ|केवल|bas",
    "he": "רק",
    "uk": "тільки|лише",
}  # fmt: skip

# A request about the customer's personal data ("delete my account and my data", GDPR): a person,
# who follows the workspace's erasure and export procedure.
PRIVACY = {
    "en": "delete my data|delete my account|erase my data|my personal data|gdpr|data protection",
    "zh": "删除我的数据|删除我的账户|个人信息|個人資料",
    "es": "borrar mis datos|eliminar mis datos|eliminar mi cuenta|datos personales|rgpd",
    "pt": "apagar os meus dados|apagar meus dados|excluir meus dados|excluir minha conta|dados pessoais"
          "|lgpd|rgpd",
    "fr": "supprimer mes données|supprimer mon compte|données personnelles|rgpd",
    "de": "meine daten löschen|daten löschen|konto löschen|personenbezogenen daten|dsgvo",
    "it": "cancellare i miei dati|eliminare i miei dati|eliminare il mio account|dati personali|gdpr",
    "nl": "mijn gegevens verwijderen|account verwijderen|persoonsgegevens|avg",
    "ja": "個人情報|データを削除|アカウントを削除",
    "ko": "개인정보|계정 삭제|데이터 삭제",
    "ar": "حذف بياناتي|حذف حسابي|بياناتي الشخصية",
    "ru": "удалить мой аккаунт|удалить мои данные|удалить аккаунт|персональные данные|персональных данных",
    "tr": "verilerimi sil|hesabımı sil|kişisel veriler|kvkk",
    "pl": "usunąć moje dane|usunięcie danych|usunąć konto|dane osobowe|rodo",
    "th": "ลบข้อมูล|ลบบัญชี|ข้อมูลส่วนตัว",
    "vi": "xóa dữ liệu|xóa tài khoản|dữ liệu cá nhân",
    "id": "hapus data saya|hapus akun|data pribadi",
    "ms": "padam data saya|padam akaun|data peribadi|pdpa",
    "hi": "mera data delete|डेटा हटाएं|व्यक्तिगत डेटा",
    "he": "למחוק את הנתונים|למחוק את החשבון|מידע אישי",
    "uk": "видалити мої дані|видалити акаунт|персональні дані",
}  # fmt: skip


# "Am I talking to a bot?": asked, not a request for a person (see ``slots.wants_human``).
BOT_QUESTION = {
    "en": "are you a bot|are you a robot|are you an ai|are you ai|are you human|are you a human"
          "|are you a real person|are you a person|am i talking to a bot|am i talking to a human"
          "|am i talking to a real person|am i chatting with a bot|is this a bot|is this a real person"
          "|is this automated|bot or human|bot or a human|bot or an actual human|bot or a real person"
          "|human or bot|human or a bot",
    "zh": "你是机器人吗|你是機器人嗎|是机器人吗|是機器人嗎|你是真人吗|你是真人嗎|是真人吗|是真人嗎"
          "|机器人还是真人|機器人還是真人|你是ai吗|是人工还是机器|是自动回复吗",
    "es": "eres un bot|eres un robot|eres humano|eres una persona|eres una persona real"
          "|estoy hablando con un bot|estoy hablando con una persona|hablo con un bot"
          "|hablo con una persona|es un bot|bot o humano|bot o persona|robot o persona",
    "pt": "você é um robô|você é um bot|vc é um robô|vc é bot|é um robô|é um bot|você é humano"
          "|você é uma pessoa|estou falando com um robô|estou falando com um bot"
          "|estou falando com uma pessoa|robô ou humano|bot ou humano|robô ou pessoa",
    "fr": "vous êtes un robot|vous êtes un bot|tu es un robot|tu es un bot|t'es un bot|êtes-vous un robot"
          "|es-tu un robot|c'est un robot|c'est un bot|je parle à un robot|je parle à un bot"
          "|je parle à une vraie personne|robot ou humain|bot ou humain|vous êtes humain|êtes-vous humain",
    "de": "bist du ein bot|bist du ein roboter|sind sie ein bot|sind sie ein roboter|bist du ein mensch"
          "|sind sie ein mensch|rede ich mit einem bot|spreche ich mit einem bot"
          "|schreibe ich mit einem bot|rede ich mit einem menschen|spreche ich mit einem menschen"
          "|bot oder mensch|mensch oder bot|ist das ein bot",
    "it": "sei un bot|sei un robot|sei umano|sei una persona vera|sei una persona reale|è un bot"
          "|sto parlando con un bot|sto parlando con un robot|sto parlando con una persona|bot o umano"
          "|bot o persona|robot o persona",
    "nl": "ben je een bot|ben jij een bot|bent u een bot|ben je een robot|ben je een mens|bent u een mens"
          "|praat ik met een bot|praat ik met een robot|praat ik met een mens|is dit een bot|bot of mens"
          "|mens of bot",
    "ja": "ボットですか|botですか|ロボットですか|aiですか|人間ですか|機械ですか|自動応答ですか"
          "|ボットと話して|人間の方ですか|本物の人ですか",
    "ko": "봇이에요|봇인가요|봇이세요|로봇이에요|로봇인가요|사람이에요|사람인가요|사람이세요|챗봇이에요"
          "|챗봇인가요|자동 응답인가요|ai인가요",
    "ar": "هل انت روبوت|هل أنت روبوت|انت روبوت|أنت روبوت|هل انت بوت|هل أنت بوت|انت بوت|هل انت انسان"
          "|هل أنت إنسان|روبوت ولا انسان|بوت ولا انسان|هل اتكلم مع روبوت|هل أتكلم مع روبوت"
          "|هل اتحدث مع روبوت|هل أتحدث مع روبوت",
    "ru": "ты бот|вы бот|ты робот|вы робот|это бот|я говорю с ботом|я общаюсь с ботом|я пишу боту"
          "|вы человек|ты человек|бот или человек|человек или бот",
    "tr": "bot musun|bot musunuz|robot musun|robot musunuz|insan mısın|insan mısınız|gerçek biri misin"
          "|gerçek kişi misiniz|botla mı konuşuyorum|bir botla mı|robotla mı konuşuyorum|bot mu insan mı"
          "|insan mı bot mu",
    "pl": "jesteś botem|jesteś robotem|czy to bot|czy rozmawiam z botem|rozmawiam z botem"
          "|czy rozmawiam z człowiekiem|jesteś człowiekiem|bot czy człowiek|człowiek czy bot",
    "th": "เป็นบอทไหม|เป็นบอทหรือเปล่า|บอทหรือคน|เป็นคนจริงไหม|คนจริงหรือเปล่า|เป็นคนหรือบอท|คุยกับบอท"
          "|เป็นหุ่นยนต์ไหม",
    "vi": "bạn là bot à|bạn là bot hả|là bot à|là bot hả|là bot phải không|là người thật à"
          "|là người thật không|bot hay người|người hay bot|đang nói chuyện với bot|đang chat với bot"
          "|là robot à",
    "id": "kamu bot|kakak bot|ini bot|apakah ini bot|bot atau manusia|manusia atau bot|ini orang asli"
          "|lagi chat sama bot|ngobrol sama bot|kamu robot|ini robot",
    "ms": "awak bot|anda bot|ni bot ke|ini bot ke|bot ke manusia|bot atau manusia|manusia atau bot"
          "|orang betul ke|cakap dengan bot|sembang dengan bot|awak robot|anda robot",
    "hi": "kya aap bot ho|aap bot ho|bot ho kya|kya ye bot hai|ye bot hai kya|bot hai ya insaan"
          "|insaan ho ya bot|क्या आप बॉट हैं|आप बॉट हैं|बॉट हो|क्या आप इंसान हैं|बॉट या इंसान|रोबोट हैं",
    "he": "אתה בוט|את בוט|זה בוט|אני מדבר עם בוט|אני מדברת עם בוט|בוט או בן אדם|בוט או אדם|אתה בן אדם"
          "|את בן אדם|אתה רובוט|זה רובוט",
    "uk": "ти бот|ви бот|це бот|ти робот|ви робот|я говорю з ботом|я спілкуюся з ботом|ви людина|ти людина"
          "|бот чи людина|людина чи бот",
}  # fmt: skip


# "Stiege und Top vergessen", "שכחתי לכתוב מספר דירה": a part of the address left out when ordering.
FORGOT = {
    "en": "forgot|forgotten|left out|didn't put|did not put|didn't add|did not add|missed out",
    "zh": "忘了|忘记|忘記|漏写|漏寫|没写|沒寫",
    "es": "olvidé|me olvidé|se me olvidó|olvide|no puse",
    "pt": "esqueci|me esqueci|esqueceu|não coloquei|faltou",
    "fr": "oublié|j'ai oublié|oubli|pas mis",
    "de": "vergessen|vergass|vergaß|nicht angegeben|fehlt noch",
    "it": "dimenticato|dimenticata|scordato|non ho messo|non ho scritto",
    "nl": "vergeten|niet ingevuld|vergat",
    "ja": "忘れ|書き忘れ|入れ忘れ|抜けて",
    "ko": "깜빡|빠뜨|빠트|잊어버|안 적었|안 썼",
    "ar": "نسيت|نسيت اكتب|نسيت أكتب|ما كتبت",
    "ru": "забыл|забыла|забыли|не указал|не указала",
    "tr": "unuttum|yazmayı unuttum|yazmamışım|eklemeyi unuttum",
    "pl": "zapomniałem|zapomniałam|zapomniałem podać|zapomniałam podać|nie podałem|nie podałam",
    "th": "ลืม|ลืมใส่|ลืมเขียน",
    "vi": "quên|quên ghi|quên điền|chưa ghi",
    "id": "lupa|kelupaan|belum ditulis|lupa nulis",
    "ms": "lupa|terlupa|tertinggal",
    "hi": "bhool gaya|bhool gayi|bhul gaya|bhul gayi|भूल गया|भूल गई|likhna bhool",
    "he": "שכחתי|שכחתי לכתוב|לא כתבתי",
    "uk": "забув|забула|забули|не вказав|не вказала",
}  # fmt: skip


# "cancel 1 barang aja", "un seul article": one item of several, whichever it is named by.
ONE_ITEM = {
    "en": "one item|1 item|one of the items|one product|1 product",
    "zh": "一件|其中一件|一个商品|其中一个",
    "es": "un artículo|1 artículo|un producto|1 producto|uno de los productos",
    "pt": "um item|1 item|um produto|1 produto|um dos produtos",
    "fr": "un article|1 article|un des articles|un produit|un seul article",
    "de": "einen artikel|1 artikel|ein produkt|einen der artikel",
    "it": "un articolo|1 articolo|un prodotto|uno degli articoli",
    "nl": "één artikel|1 artikel|een artikel|één product|een van de artikelen",
    "ja": "1点|一点|1つだけ|ひとつだけ|一つだけ|商品の一部",
    "ko": "하나만|1개만|한 개만|상품 하나",
    "ar": "منتج واحد|قطعة واحدة|واحد من المنتجات",
    "ru": "один товар|одну позицию|один из товаров",
    "tr": "bir ürün|1 ürün|ürünlerden birini|bir tanesini",
    "pl": "jeden produkt|jeden z produktów|jedną pozycję",
    "th": "ชิ้นเดียว|1 ชิ้น|หนึ่งชิ้น",
    "vi": "1 món|một món|1 sản phẩm|một sản phẩm",
    "id": "1 barang|satu barang|1 item|salah satu barang|1 produk|satu produk",
    "ms": "1 barang|satu barang|1 item|satu item",
    "hi": "ek item|1 item|ek product|एक आइटम|एक सामान",
    "he": "פריט אחד|מוצר אחד|אחד הפריטים",
    "uk": "один товар|одну позицію|один із товарів",
}  # fmt: skip


# The documents an invoice request names: without one, "die Lieferadresse meiner Bestellung ändern"
# in a formal letter is no invoice request, whatever the model hears.
INVOICE = {
    "en": "invoice|receipt|bill|vat|tax invoice",
    "zh": "发票|發票|收据|收據|开票|開票",
    "es": "factura|recibo|comprobante",
    "pt": "fatura|nota fiscal|recibo|comprovante",
    "fr": "facture|reçu|justificatif",
    "de": "rechnung|quittung|beleg|mwst|ust-id",
    "it": "fattura|ricevuta|scontrino",
    "nl": "factuur|bon|btw",
    "ja": "領収書|請求書|インボイス|明細書",
    "ko": "영수증|세금계산서|인보이스|계산서",
    "ar": "فاتورة|الفاتورة|إيصال|ايصال",
    "ru": "счёт|счет|чек|квитанция|счёт-фактура",
    "tr": "fatura|faturayı|faturamı|makbuz",
    "pl": "faktura|fakturę|faktury|paragon|rachunek",
    "th": "ใบเสร็จ|ใบกำกับภาษี",
    "vi": "hóa đơn|hoá đơn|biên lai",
    "id": "faktur|kwitansi|struk|invoice",
    "ms": "invois|resit",
    "hi": "bill|बिल|रसीद|invoice|इनवॉइस",
    "he": "חשבונית|קבלה",
    "uk": "рахунок|рахунок-фактура|квитанція|квитанцію|чек",
}  # fmt: skip


# "saya sudah transfer … statusnya masih menunggu pembayaran": paid, says the customer, of an order
# that still waits for its payment — a case for someone who can see the payment records.
PAID = {
    "en": "i paid|i have paid|i've paid|already paid|i transferred|paid already|payment went through",
    "zh": "已付款|已经付款|已經付款|付过款|付過款|已经转账|已經轉帳|钱已经付了",
    "es": "ya pagué|ya he pagado|pagué|ya hice la transferencia|hice la transferencia|ya está pagado",
    "pt": "já paguei|paguei|já fiz o pix|fiz o pix|já fiz a transferência|já está pago",
    "fr": "j'ai payé|j'ai déjà payé|déjà payé|j'ai fait le virement|virement effectué",
    "de": "ich habe bezahlt|habe bereits bezahlt|schon bezahlt|bereits bezahlt|überwiesen",
    "it": "ho pagato|ho già pagato|già pagato|ho fatto il bonifico",
    "nl": "ik heb betaald|al betaald|heb al betaald|overgemaakt",
    "ja": "支払い済み|支払ったのに|払ったのに|振り込んだ|振込済み|入金済み|支払いました",
    "ko": "결제했는데|결제 했는데|입금했는데|입금 했는데|결제 완료했|이미 결제",
    "ar": "دفعت|حولت المبلغ|حوّلت|تم الدفع|سددت",
    "ru": "я оплатил|я оплатила|уже оплатил|уже оплатила|оплата прошла|перевёл деньги|перевела деньги",
    "tr": "ödedim|ödeme yaptım|ödemeyi yaptım|havale yaptım|eft yaptım",
    "pl": "zapłaciłem|zapłaciłam|opłaciłem|opłaciłam|zrobiłem przelew|zrobiłam przelew",
    "th": "โอนแล้ว|จ่ายแล้ว|ชำระแล้ว|โอนเงินแล้ว",
    "vi": "đã chuyển khoản|đã thanh toán|chuyển khoản rồi|thanh toán rồi",
    "id": "sudah transfer|udah transfer|sudah bayar|udah bayar|sudah saya bayar|sudah dibayar",
    "ms": "dah bayar|sudah bayar|dah transfer|sudah pindahkan|dah buat bayaran",
    "hi": "pay kar diya|payment kar diya|paise de diye|भुगतान कर दिया|पेमेंट कर दिया",
    "he": "שילמתי|כבר שילמתי|העברתי את הכסף",
    "uk": "я оплатив|я оплатила|вже оплатив|вже оплатила|оплата пройшла|переказав гроші",
}  # fmt: skip


class Table(Enum):
    YES = "yes"
    NO = "no"
    HUMAN = "human"
    FIRST = "first"
    SECOND = "second"
    THIRD = "third"
    LAST = "last"
    OTHER = "other"
    REFUND = "refund"
    REPLACEMENT = "replacement"
    DEFECT = "defect"
    DELAY = "delay"
    THANKS = "thanks"
    CANCEL = "cancel"
    SHIP_TO = "ship_to"
    DONE = "done"
    CUSTOMS = "customs"
    MISTAKE = "mistake"
    NOT_BEFORE = "not_before"
    NOT_AFTER = "not_after"
    ARRIVAL = "arrival"
    SEND_BACK = "send_back"
    KEEP = "keep"
    NOT_RECEIVED = "not_received"
    PRAISE = "praise"
    ADDRESS = "address"
    UNCHANGED = "unchanged"
    NOT_NEEDED = "not_needed"
    CONTACT = "contact"
    WHEN = "when"
    ACK = "ack"
    RETHINK = "rethink"
    POLITE = "polite"
    HOW_LONG = "how_long"
    MISSING = "missing"
    MAY_I_ASK = "may_i_ask"
    ONLY = "only"
    PRIVACY = "privacy"
    BOT_QUESTION = "bot_question"
    FORGOT = "forgot"
    ONE_ITEM = "one_item"
    INVOICE = "invoice"
    PAID = "paid"


_TABLES = {
    Table.YES: YES, Table.NO: NO, Table.HUMAN: HUMAN, Table.FIRST: FIRST, Table.SECOND: SECOND,
    Table.THIRD: THIRD, Table.LAST: LAST, Table.OTHER: OTHER, Table.REFUND: REFUND,
    Table.REPLACEMENT: REPLACEMENT, Table.DEFECT: DEFECT, Table.DELAY: DELAY,
    Table.THANKS: THANKS, Table.CANCEL: CANCEL, Table.SHIP_TO: SHIP_TO, Table.CUSTOMS: CUSTOMS,
    Table.DONE: DONE, Table.MISTAKE: MISTAKE, Table.NOT_BEFORE: NOT_BEFORE, Table.NOT_AFTER: NOT_AFTER,
    Table.ARRIVAL: ARRIVAL, Table.SEND_BACK: SEND_BACK, Table.KEEP: KEEP,
    Table.NOT_RECEIVED: NOT_RECEIVED, Table.PRAISE: PRAISE, Table.ADDRESS: ADDRESS,
    Table.UNCHANGED: UNCHANGED, Table.NOT_NEEDED: NOT_NEEDED, Table.CONTACT: CONTACT,
    Table.WHEN: WHEN, Table.ACK: ACK, Table.RETHINK: RETHINK, Table.POLITE: POLITE,
    Table.HOW_LONG: HOW_LONG, Table.MISSING: MISSING,
    Table.MAY_I_ASK: MAY_I_ASK, Table.ONLY: ONLY, Table.PRIVACY: PRIVACY,
    Table.BOT_QUESTION: BOT_QUESTION, Table.FORGOT: FORGOT, Table.ONE_ITEM: ONE_ITEM,
    Table.INVOICE: INVOICE, Table.PAID: PAID,
}  # fmt: skip
_OPPOSITES = {Table.YES: Table.NO, Table.NO: Table.YES, Table.REFUND: Table.REPLACEMENT,
              Table.REPLACEMENT: Table.REFUND}  # fmt: skip


# English phrases that are everyday words of another language with another meaning: Polish "no"
# is "well" ("aha, no trudno"), Portuguese "no" is "in the" ("no carrinho").
_FALSE_FRIENDS = {"pl": frozenset({"no"}), "pt": frozenset({"no"})}


@cache
def phrases(table: Table, language: str | None) -> tuple[str, ...]:
    """The phrases of one table for ``language`` plus English; all languages when it is unknown.

    For an unknown language, a phrase that means something else in another language's table (Malay
    "tak" is no, Polish "tak" is yes) is left out rather than guessed.
    """
    entries = _TABLES[table]
    language = base_language(language) if language else None
    if language in entries:
        english = [p for p in entries["en"].split("|") if p not in _FALSE_FRIENDS.get(language, ())]
        return tuple(dict.fromkeys(entries[language].split("|") + english))
    return tuple(p for p in dict.fromkeys(_split_all(entries)) if p not in _clashes(table))


def _split_all(entries: dict[str, str]) -> list[str]:
    return [p for entry in entries.values() for p in entry.split("|")]


@cache
def _clashes(table: Table) -> frozenset[str]:
    opposite = _OPPOSITES.get(table)
    if opposite is None:
        return frozenset()
    return frozenset(set(_split_all(_TABLES[table])) & set(_split_all(_TABLES[opposite])))
