"""What a synthetic country looks like: the mix of bodies, their sizes and their names.

These are shapes of the civil service (how many ayil okmotu there are against ministries, how big
a ministry is), not rules of the law: nothing here is a period, a deadline or a legal fact. The
body types themselves are the KB's (rules/body-types.ttl); a type the KB does not have is skipped.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    """One kind of body: which KB body type it is, how common, how big, what it is called."""

    key: str
    body_type: str  # dct:identifier of rules/body-types.ttl
    weight: float  # share of the country's bodies
    servants: tuple[int, int]  # servants per unit: central apparatus
    departmental: tuple[int, int] = (0, 0)  # number of departmental units (if the type has them)
    territorial: tuple[int, int] = (0, 0)  # number of territorial units
    unit_servants: tuple[int, int] = (0, 0)  # servants per departmental or territorial unit


# About 600 bodies and 40,000 servants: most bodies are ayil okmotu with a few dozen staff, the
# ministries and agencies are few and large (a central apparatus and units across the oblasts).
PROFILES: tuple[Profile, ...] = (
    Profile("ministry", "state-body", 0.07, (90, 180), (1, 3), (3, 7), (18, 50)),
    Profile("agency", "state-body", 0.05, (35, 80), (0, 2), (2, 5), (10, 30)),
    Profile("district", "district-administration", 0.07, (25, 60)),
    Profile("oblast", "oblast-representative-office", 0.012, (20, 40)),
    Profile("ttp-ktp", "ttp-ktp", 0.01, (10, 30)),
    Profile("city-hall", "local-self-government", 0.05, (60, 180)),
    Profile("ayil-okmotu", "local-self-government", 0.738, (10, 42)),
)

MINISTRIES = (
    "Экономика жана коммерция",
    "Финансы",
    "Билим берүү жана илим",
    "Саламаттык сактоо",
    "Эмгек, социалдык камсыз кылуу жана миграция",
    "Транспорт жана коммуникациялар",
    "Айыл чарба",
    "Юстиция",
    "Маданият, маалымат, спорт жана жаштар саясаты",
    "Энергетика",
    "Табигый ресурстар, экология жана техникалык көзөмөл",
    "Өзгөчө кырдаалдар",
    "Тышкы иштер",
    "Санариптик өнүктүрүү",
)
AGENCIES = (
    "Салык кызматы",
    "Бажы кызматы",
    "Статистика комитети",
    "Архив кызматы",
    "Интеллектуалдык менчик кызматы",
    "Геология агенттиги",
    "Жер ресурстары агенттиги",
    "Курулуш агенттиги",
    "Инвестициялар агенттиги",
    "Мамлекеттик мүлктү башкаруу фонду",
)
OBLASTS = ("Чүй", "Ысык-Көл", "Нарын", "Талас", "Жалал-Абад", "Ош", "Баткен")
DISTRICTS = (
    "Аламүдүн", "Сокулук", "Москва", "Жайыл", "Панфилов", "Кемин", "Чүй", "Ысык-Ата",
    "Ак-Суу", "Жети-Өгүз", "Түп", "Тоң", "Ысык-Көл", "Ат-Башы", "Жумгал", "Кочкор",
    "Нарын", "Ак-Талаа", "Бакай-Ата", "Кара-Буура", "Манас", "Талас", "Аксы", "Ала-Бука",
    "Базар-Коргон", "Ноокен", "Сузак", "Тогуз-Торо", "Токтогул", "Чаткал", "Алай",
    "Араван", "Кара-Кулжа", "Кара-Суу", "Ноокат", "Өзгөн", "Чоң-Алай", "Баткен",
    "Кадамжай", "Лейлек",
)  # fmt: skip
CITIES = (
    "Бишкек", "Ош", "Жалал-Абад", "Каракол", "Токмок", "Кара-Балта", "Баткен", "Нарын",
    "Талас", "Өзгөн", "Кара-Көл", "Майлуу-Суу", "Таш-Көмүр", "Кызыл-Кыя", "Сүлүктү",
    "Балыкчы", "Кант", "Кара-Суу", "Ноокат", "Токтогул", "Чолпон-Ата", "Шопоков",
    "Кемин", "Орловка", "Кербен", "Көк-Жаңгак", "Исфана", "Кочкор-Ата", "Базар-Коргон",
    "Айдаркен", "Кайыңды",
)  # fmt: skip
VILLAGE_ROOTS = (
    "Ак", "Кара", "Көк", "Сары", "Кызыл", "Боз", "Чоң", "Кичи", "Жаңы", "Эски", "Орто",
    "Төмөнкү", "Жогорку", "Таш", "Алтын", "Күмүш", "Кең", "Тар", "Ала", "Бел",
)  # fmt: skip
VILLAGE_TAILS = (
    "Суу", "Булак", "Талаа", "Жар", "Өзөн", "Дөбө", "Коргон", "Сай", "Кыя", "Арык",
    "Тоо", "Кол", "Жыгач", "Терек", "Кайың", "Мазар", "Өргө", "Төр", "Башы", "Кыштак",
)  # fmt: skip

POSITIONS = (
    ("highest", ("министрдин орун басары", "төрага", "аким", "мэр")),
    ("main", ("бөлүм башчысы", "башкармалык башчысы", "башкы адис")),
    ("senior", ("жетектөөчү адис", "сектор башчысы", "адис")),
    ("junior", ("кенже адис", "адис", "ишкана катчысы")),
)
GROUP_WEIGHTS = (0.04, 0.26, 0.4, 0.3)
TRAINING_TOPICS = (
    "Кызматтык этика",
    "Электрондук башкаруу",
    "Мамлекеттик сатып алуулар",
    "Коррупцияга каршы аракеттенүү",
    "Мамлекеттик тил",
    "Жарандардын кайрылуулары менен иштөө",
)
APPEAL_TOPICS = (
    "жер маселеси",
    "социалдык жардам",
    "кызматка кабыл алуу",
    "салык",
    "билим берүү",
    "курулуш",
    "суу пайдалануу",
)
DONORS = ("GIZ", "ПРООН", "USAID", "ЕБ", "JICA", "АӨБ", "Дүйнөлүк банк")


def profile_sequence(count: int, seed: int, body_types: set[str]) -> list[Profile]:
    """The profile of each body: the first bodies are one of each kind (so even a small set has
    every body type), then drawn by weight."""
    usable = [p for p in PROFILES if p.body_type in body_types]
    rng = random.Random(f"kyzmat-synthetic:{seed}:profiles")
    first = list(usable)
    drawn = rng.choices(usable, [p.weight for p in usable], k=max(0, count - len(first)))
    return (first + drawn)[:count]


# profile -> (real names, how a body of it is called)
NAMED: dict[str, tuple[tuple[str, ...], str]] = {
    "ministry": (MINISTRIES, "Кыргыз Республикасынын {name} министрлиги{lap}"),
    "agency": (AGENCIES, "Кыргыз Республикасынын {name}{lap}"),
    "district": (DISTRICTS, "{name} райондук мамлекеттик администрациясы{lap}"),
    "oblast": (OBLASTS, "{name} облусундагы ыйгарым укуктуу өкүлдүн аппараты{lap}"),
    "city-hall": (CITIES, "{name} шаарынын мэриясы{lap}"),
}


def body_name(profile: Profile, ordinal: int, rng: random.Random) -> str:
    """A realistic name; `ordinal` (how many bodies of this profile came before) keeps names
    unique when the list of real places runs out."""

    if profile.key in NAMED:
        places, pattern = NAMED[profile.key]
        lap = ordinal // len(places)  # past the real places: the same names numbered
        return pattern.format(name=places[ordinal % len(places)], lap=f" №{lap + 1}" if lap else "")
    if profile.key == "ttp-ktp":
        return f"ТТП жана КТП №{ordinal + 1}"
    root, tail = rng.choice(VILLAGE_ROOTS), rng.choice(VILLAGE_TAILS)
    return f"{root}-{tail.lower() if rng.random() < 0.3 else tail} айыл өкмөтү №{ordinal + 1}"


def position(rng: random.Random) -> tuple[str, str]:
    """(position group code, position title)."""
    group, titles = rng.choices(POSITIONS, GROUP_WEIGHTS)[0]
    return group, rng.choice(titles)
