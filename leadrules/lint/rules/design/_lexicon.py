"""The word lists of the design rules, language by language.

Each list maps a language to its phrases: `en` English, `ru` Russian, `zh` Chinese, `ms` Malay,
`pl` Polish. Phrases are compared after the normalisation of `_text` (case, punctuation,
`camelCase`, light stemming of Russian and Polish endings), so one form of a word usually
covers its inflections; forms that stem differently are listed one by one. A council extends a
list in its configuration (`[words]`, see each rule's documentation); it cannot remove words.

Where the words come from: seeds 002 and 003 name the action statuses ("Перезвонить",
"Отправить письмо", "Уточнить адрес электронной почты", "Отправить КП", "Не дозвонился",
"Не отвечает"), seed 000 the attempt outcomes kept as sub-statuses at most ("Email Dihantar",
"Dipanggil - Tiada Jawapan", "Meninggalkan Voicemail"), seed 002 the ABC rating kept in a
field, seed 003 the overlapping pair ("Уточнение информации" / "Выяснение деталей") and the two
naming styles ("Новый", "Предложение" against "Обработан", "Отправлено предложение"), seed 000
the universal statuses in Malay (Baharu, Cubaan Menghubungi, Berhubung, Sedang Diusahakan,
Layak, Tidak Layak, Nurture, Dikitar Semula) and the Nurture black hole, seed 004 the Polish
exits and reasons (zdyskwalifikowany, nie jest gotowy, nie można dotrzeć).
"""

from __future__ import annotations

from collections.abc import Mapping

Lexicon = Mapping[str, tuple[str, ...]]


def flat(lexicon: Lexicon) -> tuple[str, ...]:
    """Every phrase of a lexicon, all languages together."""
    return tuple(word for words in lexicon.values() for word in words)


# -- action-status ---------------------------------------------------------------------------

#: Tasks: work a rep must do, written as an order. Never a state of the lead (seed 003).
TASKS: Lexicon = {
    "en": ("call back", "callback", "call again", "to call", "call the client", "send email",
           "send e-mail", "send an email", "send mail", "send proposal", "send a proposal",
           "send offer", "send quote", "send contract", "send brief", "send presentation",
           "prepare proposal", "follow up", "followup", "clarify email address",
           "clarify email", "clarify e-mail", "check email", "schedule meeting",
           "schedule a call", "book a meeting", "remind"),
    "ru": ("перезвонить", "позвонить", "набрать", "отправить письмо", "написать письмо",
           "написать", "отправить email", "отправить e-mail", "отправить кп", "выслать кп",
           "отправить предложение", "выслать предложение", "подготовить кп",
           "отправить договор", "отправить бриф", "отправить презентацию",
           "уточнить адрес электронной почты", "уточнить адрес", "уточнить email",
           "уточнить e-mail", "уточнить почту", "назначить встречу", "связаться",
           "напомнить"),
    "zh": ("回电", "回拨", "再打", "打电话", "致电", "发邮件", "发送邮件", "发报价", "发送报价",
           "发方案", "发送方案", "发合同", "跟进", "确认邮箱", "约会议", "预约会议"),
    "ms": ("hubungi semula", "telefon semula", "panggil semula", "hubungi balik", "hantar email",
           "hantar e-mel", "hantar emel", "hantar cadangan", "hantar sebut harga",
           "hantar tawaran", "buat susulan", "susulan", "sahkan alamat e-mel", "sahkan email",
           "tetapkan mesyuarat"),
    "pl": ("oddzwonić", "oddzwoń", "zadzwonić", "zadzwoń", "wysłać ofertę", "wyślij ofertę",
           "wysłać e-mail", "wysłać email", "wysłać maila", "wyślij e-mail", "wyślij maila",
           "wysłać wiadomość", "przygotować ofertę", "wysłać umowę", "umówić spotkanie",
           "potwierdzić adres e-mail", "potwierdzić e-mail", "przypomnieć",
           "skontaktować się"),
}

#: Outcomes of one contact attempt: history, not a stage of work (seeds 002, 003). A lost
#: outcome may still be named by such a reason ("Lost: unreachable"), one lost status per reason
#: as seed 003 suggests, so these are not reported on `outcome` statuses.
ATTEMPTS: Lexicon = {
    "en": ("no answer", "not answering", "no response", "did not answer", "didn't answer",
           "didn't get through", "did not get through", "couldn't reach", "could not reach",
           "unable to reach", "voicemail", "left voicemail", "left a voicemail", "left message",
           "email sent", "e-mail sent", "emailed", "called", "call made", "line busy",
           "no pick up", "no pickup", "not picking up"),
    "ru": ("не дозвонился", "не дозвонилась", "не дозвонились", "недозвон", "не дозвон",
           "не отвечает", "не ответил", "нет ответа", "не берет трубку", "занято",
           "автоответчик", "сбросил", "письмо отправлено", "отправлено письмо",
           "отправили письмо", "звонок совершен", "позвонили"),
    "zh": ("未接通", "无人接听", "未接听", "没接", "不接电话", "打不通", "占线", "语音信箱",
           "已发邮件", "邮件已发送", "已致电", "未回复"),
    "ms": ("tiada jawapan", "tidak dijawab", "tidak menjawab", "tidak dapat dihubungi",
           "tak dapat dihubungi", "dipanggil", "email dihantar", "e-mel dihantar",
           "emel dihantar", "mesej dihantar", "meninggalkan voicemail", "tinggal voicemail",
           "talian sibuk"),
    "pl": ("nie odbiera", "nie odebrał", "nie odebrała", "brak odpowiedzi", "nie odpowiada",
           "nie dodzwoniono", "nie dodzwoniłem", "nie dodzwoniłam", "nie można się dodzwonić",
           "poczta głosowa", "zajęte", "e-mail wysłany", "mail wysłany", "wysłano e-mail",
           "wysłano maila", "zadzwoniono"),
}

# -- rating-status ---------------------------------------------------------------------------

#: Ratings and flags: how good or urgent a lead is, or a mark on it; they belong in a field
#: (seed 002 keeps ABC in a field).
RATINGS: Lexicon = {
    "en": ("hot", "warm", "cold", "lukewarm", "very hot", "do not contact", "do not call",
           "dont contact", "dont call", "dnc", "assigned", "unassigned", "vip", "priority",
           "high priority", "low priority", "medium priority", "important", "top priority"),
    "ru": ("горячий", "горячая", "теплый", "теплая", "холодный", "холодная", "не звонить",
           "не беспокоить", "не контактировать", "не связываться", "назначен", "назначена",
           "распределен", "вип", "приоритет", "приоритетный", "высокий приоритет",
           "низкий приоритет", "важный", "важная"),
    "zh": ("热", "温", "冷", "热门", "高意向", "低意向", "勿联系", "请勿联系", "不要联系",
           "已分配", "未分配", "重要", "优先", "高优先级", "低优先级"),
    "ms": ("panas", "suam", "sejuk", "jangan hubungi", "jangan telefon", "ditugaskan",
           "keutamaan", "keutamaan tinggi", "keutamaan rendah", "penting"),
    "pl": ("gorący", "gorąca", "ciepły", "ciepła", "zimny", "zimna", "nie kontaktować",
           "nie dzwonić", "przypisany", "przypisana", "priorytet", "priorytetowy",
           "wysoki priorytet", "niski priorytet", "ważny", "ważna"),
}

#: Words that may stand beside a rating without making it a state ("Hot lead", "Горячий клиент",
#: "Class A", "A类客户").
RATING_FILLERS: Lexicon = {
    "en": ("lead", "leads", "prospect", "client", "customer", "contact", "account", "status",
           "class", "tier", "category", "grade", "segment", "level"),
    "ru": ("лид", "клиент", "контакт", "заявка", "статус", "класс", "категория", "сегмент",
           "уровень"),
    "zh": ("线索", "客户", "潜客", "联系人", "类", "级", "等"),
    "ms": ("pelanggan", "prospek", "kelas", "kategori", "tahap"),
    "pl": ("klient", "kontakt", "klasa", "kategoria", "poziom"),
}

#: Grades on their own: A/B/C (Latin or Cyrillic) and 1–5.
GRADES = frozenset({"a", "b", "c", "d", "e", "а", "б", "в", "г", "1", "2", "3", "4", "5"})

# -- overlapping-statuses ----------------------------------------------------------------------

#: Groups of names a rep could doubt between. A status whose name or label holds a phrase of a
#: group belongs to it; two statuses of one group overlap (seed 003: no "Уточнение информации"
#: next to "Выяснение деталей"; seed 000: Working, Connected and Qualified need definitions).
SYNONYM_GROUPS: Mapping[str, Lexicon] = {
    "lost": {
        "en": ("dead", "lost", "junk", "unqualified", "disqualified", "rejected", "closed lost",
               "not qualified", "trash", "garbage", "bad lead", "declined", "no fit"),
        "ru": ("отказ", "потерян", "забракован", "брак", "мусор", "неквалифицирован",
               "некачественный", "нецелевой", "отклонен", "закрыт", "закрыто и не реализовано",
               "слив", "проигран"),
        "zh": ("丢失", "无效", "不合格", "流失", "失败", "输单", "丢单", "废弃", "垃圾"),
        "ms": ("gagal", "ditolak", "tidak layak", "hilang", "mati", "sampah", "kalah",
               "didiskualifikasi"),
        "pl": ("odrzucony", "stracony", "utracony", "zdyskwalifikowany", "niezakwalifikowany",
               "martwy", "przegrany", "nieudany", "śmieci"),
    },
    "won": {
        "en": ("won", "closed won", "converted", "sold", "success", "successful", "open deal",
               "open opportunity"),
        "ru": ("сконвертирован", "успешно реализовано", "успешно", "оплачен", "оплачено",
               "продажа", "выигран"),
        "zh": ("赢单", "成交", "已转化", "转化", "签约"),
        "ms": ("ditukar", "menang", "berjaya", "dijual"),
        "pl": ("wygrany", "wygrana", "przekształcony", "sprzedany", "sukces", "skonwertowany"),
    },
    "new": {
        "en": ("new", "open", "not contacted", "untouched", "fresh", "incoming"),
        "ru": ("новый", "новая", "новое", "входящая", "необработанный", "не обработан"),
        "zh": ("新", "新线索", "未联系", "未处理", "待联系"),
        "ms": ("baharu", "baru", "belum dihubungi"),
        "pl": ("nowy", "nowa", "nowe", "nieskontaktowany"),
    },
    "contacted": {
        "en": ("contacted", "connected", "reached", "in contact", "in touch", "talked",
               "spoke"),
        "ru": ("связались", "на связи", "контакт установлен", "дозвонились", "дозвонился"),
        "zh": ("已联系", "已接通", "接通", "联系上", "已沟通"),
        "ms": ("dihubungi", "berhubung"),
        "pl": ("skontaktowany", "połączony", "nawiązano kontakt", "w kontakcie"),
    },
    "working": {
        "en": ("working", "in progress", "in process", "in processing", "processing", "active",
               "in work", "being worked"),
        "ru": ("в работе", "в обработке", "обработка", "в процессе", "взят в работу",
               "принят в работу"),
        "zh": ("处理中", "进行中", "跟进中", "工作中"),
        "ms": ("dalam proses", "sedang diusahakan", "sedang diproses", "aktif"),
        "pl": ("w toku", "w trakcie", "w realizacji", "w obsłudze", "przetwarzany", "aktywny"),
    },
    "clarifying": {
        "en": ("clarifying information", "clarifying details", "finding out details",
               "gathering information", "collecting information", "information gathering",
               "clarification", "fact finding"),
        "ru": ("уточнение", "уточнение информации", "уточнение деталей", "уточнение данных",
               "выяснение деталей", "выяснение информации", "сбор информации"),
        "zh": ("了解需求", "确认信息", "核实信息", "收集信息", "了解详情"),
        "ms": ("mendapatkan maklumat", "pengesahan maklumat", "kumpul maklumat",
               "mengumpul maklumat"),
        "pl": ("wyjaśnianie szczegółów", "ustalanie szczegółów", "zbieranie informacji",
               "doprecyzowanie"),
    },
    "qualified": {
        "en": ("qualified", "sales qualified", "qualification passed", "qualification complete"),
        "ru": ("квалифицирован", "квалифицированный", "квалификация пройдена"),
        "zh": ("合格", "已合格"),
        "ms": ("layak",),
        "pl": ("zakwalifikowany", "zakwalifikowana", "kwalifikacja zakończona"),
    },
    "parked": {
        "en": ("nurture", "nurturing", "on hold", "later", "not ready", "long term", "parked",
               "bad timing"),
        "ru": ("отложен", "на паузе", "прогрев", "холодный ящик", "долгий ящик"),
        "zh": ("培育", "暂缓", "搁置", "孵化"),
        "ms": ("tangguh", "ditangguhkan", "pemupukan"),
        "pl": ("odłożony", "wstrzymany", "pielęgnowanie"),
    },
    "recycled": {
        "en": ("recycled", "reopened", "reactivated", "re-engaged", "revived", "second chance"),
        "ru": ("повторный", "возврат", "реанимация", "возобновлен"),
        "zh": ("回收", "重新激活", "复活"),
        "ms": ("dikitar semula", "diaktifkan semula"),
        "pl": ("reaktywowany", "odzyskany"),
    },
}

# -- mixed-naming-style ------------------------------------------------------------------------

#: "What was done": a step of work finished ("Proposal sent", "Обработан", 已发送报价).
DONE: Lexicon = {
    "en": ("sent", "done", "made", "held", "paid", "signed", "completed", "complete",
           "finished", "processed", "scheduled", "booked", "submitted", "delivered",
           "received", "prepared", "presented", "meeting set", "demo set", "appointment set",
           "call set"),
    "ru": ("обработан", "отправлено", "отправлен", "подготовлено", "подготовлен", "проведена",
           "проведен", "проведено", "пройдена", "пройден", "оплачено", "оплачен", "подписан",
           "подписано", "сделано", "сделан", "выставлен", "выставлено", "согласовано",
           "назначена", "назначено", "получен", "получено", "принят", "выполнен", "выполнено"),
    "zh": ("已发送", "已完成", "已处理", "已签约", "已付款", "已报价", "已安排", "已预约", "完成",
           "已提交"),
    "ms": ("dihantar", "selesai", "sudah", "telah", "diproses", "dijadualkan",
           "ditandatangani", "dibayar", "disediakan", "dibuat"),
    "pl": ("wysłano", "wysłany", "wysłana", "wysłane", "przetworzony", "wykonany", "wykonano",
           "zrobione", "zrobiony", "podpisany", "podpisana", "umówiony", "umówione",
           "zapłacony", "opłacony", "przygotowany", "przygotowana"),
}

#: "What is expected next": the work ahead ("New", "Proposal", "В обработке", 处理中).
EXPECTED: Lexicon = {
    "en": ("new", "proposal", "offer", "quote", "quotation", "demo", "negotiation",
           "negotiations", "discovery", "pending", "awaiting", "waiting", "in progress",
           "in process", "needed", "required", "review"),
    "ru": ("новый", "новая", "в обработке", "в работе", "обработка", "предложение",
           "переговоры", "дожим", "дожатие", "ожидание", "ждем", "согласование", "квалификация",
           "презентация", "подготовка", "оценка"),
    "zh": ("新", "报价", "方案", "谈判", "洽谈"),
    "ms": ("baharu", "baru", "sedang", "dalam proses", "cadangan", "rundingan", "menunggu",
           "sebut harga"),
    "pl": ("nowy", "nowa", "w toku", "w trakcie", "oferta", "negocjacje", "kwalifikacja",
           "prezentacja", "oczekiwanie"),
}

#: Words that say where the LEAD is (a state), not what the rep did: they fit either style
#: (the universal statuses Connected, Qualified, Converted, Recycled of seed 000).
LEAD_STATES: Lexicon = {
    "en": ("qualified", "unqualified", "disqualified", "connected", "contacted", "converted",
           "recycled", "nurtured", "engaged", "disengaged", "interested", "uninterested",
           "closed", "won", "lost", "rejected", "dead", "stalled", "undecided", "unresponsive"),
    "ru": ("квалифицирован", "неквалифицирован", "сконвертирован", "конвертирован",
           "забракован", "потерян", "отклонен", "закрыт", "заинтересован", "связались"),
    "zh": ("已联系", "已接通", "已合格", "已转化", "已丢失", "已关闭", "已成交", "已流失"),
    "ms": ("layak", "dihubungi", "berhubung", "ditukar", "dikitar semula", "ditolak",
           "didiskualifikasi"),
    "pl": ("zakwalifikowany", "zakwalifikowana", "niezakwalifikowany", "zdyskwalifikowany",
           "zdyskwalifikowana", "skontaktowany", "skontaktowana", "przekształcony",
           "odrzucony", "stracony", "utracony", "zamknięty", "zainteresowany",
           "niezainteresowany"),
}

# -- parking-without-review and recycle-same-owner ----------------------------------------------

#: Names and labels of parking places: leads wait there for the right time (seed 000: Nurture).
PARKING: Lexicon = {
    "en": ("nurture", "nurturing", "on hold", "hold", "later", "not ready", "not sales ready",
           "long term", "parked", "parking", "dormant", "future", "cold storage", "paused",
           "bad timing"),
    "ru": ("отложен", "отложено", "на паузе", "пауза", "не готов", "прогрев", "позже",
           "холодный ящик", "долгий ящик", "на потом"),
    "zh": ("培育", "暂缓", "搁置", "以后", "暂停", "孵化", "冷藏"),
    "ms": ("tangguh", "ditangguhkan", "kemudian", "belum bersedia", "pemupukan"),
    "pl": ("odłożony", "odłożona", "wstrzymany", "wstrzymana", "później", "nie gotowy",
           "nurturing", "pielęgnowanie", "uśpiony"),
}

#: Phrases that say so in a definition (`means`): only unambiguous ones, since a definition
#: may mention nurture in passing ("Lost or nurtured before").
PARKING_DEFINITION: Lexicon = {
    "en": ("not ready", "not sales ready", "not yet ready", "on hold", "re-engage later",
           "revisit later", "in the future"),
    "ru": ("не готов", "отложен", "на паузе", "в будущем"),
    "zh": ("暂缓", "搁置", "尚未准备好", "还没准备好", "未准备好"),
    "ms": ("belum bersedia", "tidak bersedia", "ditangguhkan", "pada masa hadapan"),
    "pl": ("nie jest gotowy", "nie jest gotowa", "wstrzymany", "odłożony", "w przyszłości"),
}

#: Names and labels of statuses that bring lost or parked leads back into play (seed 000:
#: Recycled, "Dikitar Semula").
RECYCLE: Lexicon = {
    "en": ("recycled", "recycle", "recycling", "reopened", "reactivated", "re-engaged",
           "revived", "second chance", "resurrected"),
    "ru": ("повторный", "повторная", "возврат", "реанимация", "возобновлен", "вернулся"),
    "zh": ("回收", "重新激活", "复活", "再激活"),
    "ms": ("kitar semula", "dikitar semula", "diaktifkan semula", "dihidupkan semula"),
    "pl": ("reaktywowany", "odzyskany", "ponowny", "ponowna", "ponowne"),
}

#: Phrases that say so in a definition.
RECYCLE_DEFINITION: Lexicon = {
    "en": ("back in play", "comes back", "came back", "recycled", "reopened", "reactivated"),
    "ru": ("вернулся", "вернулась", "возвращается", "снова в работе"),
    "zh": ("重新激活", "重新进入", "回到销售"),
    "ms": ("dikitar semula", "kembali ke", "dimasukkan semula"),
    "pl": ("wraca", "powraca"),
}
