"""Capitals and major cities: canonical English name, ISO country, Russian names, English aliases.

Russian names are nominatives; the gazetteer declines them (pymorphy3 where the dictionary
knows the word, endings otherwise). Indeclinable names (Баку, Душанбе, Токио) stay as they are.
A name after "!" is an extra Russian form the generator would not produce.
"""

# English | ISO | Russian names | English aliases
CITY_TABLE = """
Astana | KZ | Астана, Нур-Султан, Нурсултан, Акмола | Nur-Sultan, Nursultan, Akmola
Almaty | KZ | Алматы, Алма-Ата | Alma-Ata, Alma Ata
Shymkent | KZ | Шымкент, Чимкент | Chimkent
Aktau | KZ | Актау |
Atyrau | KZ | Атырау |
Aktobe | KZ | Актобе |
Karaganda | KZ | Караганда | Karagandy, Qaraghandy
Turkistan | KZ | Туркестан | Turkestan
Kostanay | KZ | Костанай |
Pavlodar | KZ | Павлодар |
Oskemen | KZ | Усть-Каменогорск, Оскемен | Ust-Kamenogorsk
Taraz | KZ | Тараз |
Kyzylorda | KZ | Кызылорда |
Semey | KZ | Семей, Семипалатинск | Semipalatinsk
Burabay | KZ | Бурабай, Боровое | Borovoe
Bishkek | KG | Бишкек | Frunze
Osh | KG | Ош |
Cholpon-Ata | KG | Чолпон-Ата | Cholpon Ata
Karakol | KG | Каракол |
Jalal-Abad | KG | Джалал-Абад, Жалал-Абад | Jalalabad
Naryn | KG | Нарын |
Batken | KG | Баткен |
Talas | KG | Талас |
Tokmok | KG | Токмок |
Dushanbe | TJ | Душанбе |
Khujand | TJ | Худжанд, Ходжент | Khodjent, Khujant
Bokhtar | TJ | Бохтар |
Kulob | TJ | Куляб | Kulyab
Khorog | TJ | Хорог |
Ashgabat | TM | Ашхабад | Ashkhabad, Ashgabad
Turkmenbashi | TM | Туркменбаши | Turkmenbashy
Mary | TM | Мары |
Dashoguz | TM | Дашогуз |
Turkmenabat | TM | Туркменабат |
Awaza | TM | Аваза | Avaza
Tashkent | UZ | Ташкент | Toshkent
Samarkand | UZ | Самарканд | Samarqand
Bukhara | UZ | Бухара | Bukhoro
Khiva | UZ | Хива | Xiva
Nukus | UZ | Нукус |
Andijan | UZ | Андижан |
Namangan | UZ | Наманган |
Fergana | UZ | Фергана | Ferghana, Farg'ona
Termez | UZ | Термез | Termiz
Karshi | UZ | Карши | Qarshi
Urgench | UZ | Ургенч |
Navoi | UZ | Навои | Navoiy
Jizzakh | UZ | Джизак | Jizzax
Kokand | UZ | Коканд | Qo'qon
Beijing | CN | Пекин | Peking
Shanghai | CN | Шанхай |
Xi'an | CN | Сиань | Xian
Urumqi | CN | Урумчи | Urumchi
Guangzhou | CN | Гуанчжоу | Canton
Shenzhen | CN | Шэньчжэнь, Шеньчжэнь |
Chongqing | CN | Чунцин |
Chengdu | CN | Чэнду, Чендю |
Wuhan | CN | Ухань |
Tianjin | CN | Тяньцзинь |
Hangzhou | CN | Ханчжоу |
Nanjing | CN | Нанкин |
Qingdao | CN | Циндао |
Kashgar | CN | Кашгар | Kashi
Xiamen | CN | Сямынь |
Harbin | CN | Харбин |
Dalian | CN | Далянь |
Kunming | CN | Куньмин |
Lanzhou | CN | Ланьчжоу |
Guilin | CN | Гуйлинь |
Sanya | CN | Санья |
Lianyungang | CN | Ляньюньган |
Boao | CN | Боао |
Hong Kong | HK | Гонконг, Сянган |
Macau | MO | Макао | Macao
Moscow | RU | Москва |
Saint Petersburg | RU | Санкт-Петербург, Петербург | St. Petersburg, St Petersburg
Kazan | RU | Казань |
Sochi | RU | Сочи |
Novosibirsk | RU | Новосибирск |
Yekaterinburg | RU | Екатеринбург | Ekaterinburg
Vladivostok | RU | Владивосток |
Ufa | RU | Уфа |
Nizhny Novgorod | RU | Нижний Новгород |
Samara | RU | Самара |
Omsk | RU | Омск |
Chelyabinsk | RU | Челябинск |
Krasnoyarsk | RU | Красноярск |
Rostov-on-Don | RU | Ростов-на-Дону, !Ростове-на-Дону, !Ростова-на-Дону |
Volgograd | RU | Волгоград |
Astrakhan | RU | Астрахань |
Orenburg | RU | Оренбург |
Kaliningrad | RU | Калининград |
Makhachkala | RU | Махачкала |
Barnaul | RU | Барнаул |
Irkutsk | RU | Иркутск |
Tyumen | RU | Тюмень |
Perm | RU | Пермь |
Voronezh | RU | Воронеж |
Krasnodar | RU | Краснодар |
Khabarovsk | RU | Хабаровск |
Baku | AZ | Баку |
Ganja | AZ | Гянджа |
Shusha | AZ | Шуша |
Gabala | AZ | Габала | Qabala
Yerevan | AM | Ереван |
Gyumri | AM | Гюмри |
Tbilisi | GE | Тбилиси |
Batumi | GE | Батуми |
Kutaisi | GE | Кутаиси |
Minsk | BY | Минск |
Vitebsk | BY | Витебск |
Gomel | BY | Гомель |
Kyiv | UA | Киев, Київ | Kiev
Kharkiv | UA | Харьков | Kharkov
Odesa | UA | Одесса | Odessa
Lviv | UA | Львов | Lvov
Chisinau | MD | Кишинев | Kishinev, Chișinău
Kabul | AF | Кабул |
Mazar-i-Sharif | AF | Мазари-Шариф, Мазар-и-Шариф | Mazar-e Sharif, Mazar-e-Sharif
Herat | AF | Герат |
Kandahar | AF | Кандагар |
Islamabad | PK | Исламабад |
Karachi | PK | Карачи |
Lahore | PK | Лахор |
Peshawar | PK | Пешавар |
Gwadar | PK | Гвадар |
New Delhi | IN | Нью-Дели, Дели | Delhi
Mumbai | IN | Мумбаи, Бомбей | Bombay
Bengaluru | IN | Бангалор, Бенгалуру | Bangalore
Kolkata | IN | Калькутта, Колката | Calcutta
Chennai | IN | Ченнаи | Madras
Goa | IN | Гоа |
Tehran | IR | Тегеран | Teheran
Mashhad | IR | Мешхед |
Isfahan | IR | Исфахан | Esfahan
Chabahar | IR | Чабахар |
Bandar Abbas | IR | Бендер-Аббас, Бандар-Аббас |
Ankara | TR | Анкара |
Istanbul | TR | Стамбул |
Antalya | TR | Анталья, Анталия |
Izmir | TR | Измир |
Bursa | TR | Бурса |
Konya | TR | Конья |
Riyadh | SA | Эр-Рияд, Рияд |
Jeddah | SA | Джидда | Jedda
Abu Dhabi | AE | Абу-Даби |
Dubai | AE | Дубай |
Doha | QA | Доха |
Kuwait City | KW | Эль-Кувейт |
Manama | BH | Манама |
Muscat | OM | Маскат |
Baghdad | IQ | Багдад |
Erbil | IQ | Эрбиль |
Damascus | SY | Дамаск |
Beirut | LB | Бейрут |
Amman | JO | Амман |
Jerusalem | IL | Иерусалим |
Tel Aviv | IL | Тель-Авив |
Cairo | EG | Каир |
Sharm el-Sheikh | EG | Шарм-эш-Шейх, Шарм-эль-Шейх | Sharm El Sheikh
Sanaa | YE | Сана | Sana'a
London | GB | Лондон |
Edinburgh | GB | Эдинбург |
Paris | FR | Париж |
Strasbourg | FR | Страсбург |
Berlin | DE | Берлин |
Munich | DE | Мюнхен |
Frankfurt | DE | Франкфурт-на-Майне, !Франкфурте-на-Майне, Франкфурт | Frankfurt am Main
Hamburg | DE | Гамбург |
Bonn | DE | Бонн |
Rome | IT | Рим | Roma
Milan | IT | Милан |
Madrid | ES | Мадрид |
Barcelona | ES | Барселона |
Lisbon | PT | Лиссабон | Lisboa
Brussels | BE | Брюссель | Bruxelles
Amsterdam | NL | Амстердам |
The Hague | NL | Гаага | Hague
Luxembourg | LU | Люксембург |
Vienna | AT | Вена | Wien
Bern | CH | Берн | Berne
Geneva | CH | Женева | Geneve
Zurich | CH | Цюрих |
Davos | CH | Давос |
Warsaw | PL | Варшава | Warszawa
Krakow | PL | Краков | Cracow
Prague | CZ | Прага | Praha
Bratislava | SK | Братислава |
Budapest | HU | Будапешт |
Bucharest | RO | Бухарест |
Sofia | BG | София |
Belgrade | RS | Белград | Beograd
Zagreb | HR | Загреб |
Ljubljana | SI | Любляна |
Sarajevo | BA | Сараево |
Podgorica | ME | Подгорица |
Skopje | MK | Скопье |
Tirana | AL | Тирана |
Pristina | XK | Приштина |
Athens | GR | Афины |
Thessaloniki | GR | Салоники |
Nicosia | CY | Никосия |
Valletta | MT | Валлетта |
Vilnius | LT | Вильнюс |
Riga | LV | Рига |
Tallinn | EE | Таллин, Таллинн |
Helsinki | FI | Хельсинки |
Stockholm | SE | Стокгольм |
Oslo | NO | Осло |
Copenhagen | DK | Копенгаген |
Reykjavik | IS | Рейкьявик |
Dublin | IE | Дублин |
Monaco | MC | Монако |
Andorra la Vella | AD | Андорра-ла-Велья |
San Marino | SM | Сан-Марино |
Vaduz | LI | Вадуц |
Vatican City | VA | Ватикан |
Tokyo | JP | Токио |
Osaka | JP | Осака |
Hiroshima | JP | Хиросима |
Kyoto | JP | Киото |
Seoul | KR | Сеул |
Busan | KR | Пусан | Pusan
Pyongyang | KP | Пхеньян |
Ulaanbaatar | MN | Улан-Батор, Улаанбаатар | Ulan Bator, Ulan-Bator
Hanoi | VN | Ханой |
Ho Chi Minh City | VN | Хошимин | Saigon
Bangkok | TH | Бангкок |
Vientiane | LA | Вьентьян |
Phnom Penh | KH | Пномпень |
Naypyidaw | MM | Нейпьидо | Nay Pyi Taw
Yangon | MM | Янгон | Rangoon
Kuala Lumpur | MY | Куала-Лумпур |
Putrajaya | MY | Путраджая |
Singapore | SG | Сингапур |
Jakarta | ID | Джакарта |
Bali | ID | Бали |
Manila | PH | Манила |
Bandar Seri Begawan | BN | Бандар-Сери-Бегаван |
Dili | TL | Дили |
Dhaka | BD | Дакка | Dacca
Kathmandu | NP | Катманду |
Thimphu | BT | Тхимпху |
Colombo | LK | Коломбо |
Male | MV | Мале | Malé
Taipei | TW | Тайбэй, Тайбей |
Washington | US | Вашингтон | Washington D.C., Washington DC
New York | US | Нью-Йорк |
San Francisco | US | Сан-Франциско |
Los Angeles | US | Лос-Анджелес |
Chicago | US | Чикаго |
Houston | US | Хьюстон |
Ottawa | CA | Оттава |
Toronto | CA | Торонто |
Montreal | CA | Монреаль |
Mexico City | MX | Мехико |
Havana | CU | Гавана |
Brasilia | BR | Бразилиа | Brasília
Rio de Janeiro | BR | Рио-де-Жанейро |
Sao Paulo | BR | Сан-Паулу | São Paulo
Buenos Aires | AR | Буэнос-Айрес |
Santiago | CL | Сантьяго |
Lima | PE | Лима |
Bogota | CO | Богота | Bogotá
Caracas | VE | Каракас |
Quito | EC | Кито |
La Paz | BO | Ла-Пас |
Montevideo | UY | Монтевидео |
Asuncion | PY | Асунсьон | Asunción
Managua | NI | Манагуа |
San Jose | CR | Сан-Хосе | San José
Tegucigalpa | HN | Тегусигальпа |
San Salvador | SV | Сан-Сальвадор |
Guatemala City | GT | Гватемала-Сити |
Santo Domingo | DO | Санто-Доминго |
Port-au-Prince | HT | Порт-о-Пренс |
Kingston | JM | Кингстон |
Georgetown | GY | Джорджтаун |
Paramaribo | SR | Парамарибо |
Panama City | PA | Панама-Сити |
Nassau | BS | Нассау |
Bridgetown | BB | Бриджтаун |
Port of Spain | TT | Порт-оф-Спейн |
Addis Ababa | ET | Аддис-Абеба |
Nairobi | KE | Найроби |
Pretoria | ZA | Претория |
Johannesburg | ZA | Йоханнесбург |
Cape Town | ZA | Кейптаун |
Durban | ZA | Дурбан |
Abuja | NG | Абуджа |
Lagos | NG | Лагос |
Accra | GH | Аккра |
Dakar | SN | Дакар |
Rabat | MA | Рабат |
Casablanca | MA | Касабланка |
Tripoli | LY | Триполи |
Khartoum | SD | Хартум |
Kampala | UG | Кампала |
Kigali | RW | Кигали |
Dar es Salaam | TZ | Дар-эс-Салам |
Dodoma | TZ | Додома |
Luanda | AO | Луанда |
Kinshasa | CD | Киншаса |
Brazzaville | CG | Браззавиль |
Yaounde | CM | Яунде | Yaoundé
Harare | ZW | Хараре |
Lusaka | ZM | Лусака |
Maputo | MZ | Мапуту |
Windhoek | NA | Виндхук |
Gaborone | BW | Габороне |
Antananarivo | MG | Антананариву |
Bamako | ML | Бамако |
Niamey | NE | Ниамей |
Ouagadougou | BF | Уагадугу |
Abidjan | CI | Абиджан |
Yamoussoukro | CI | Ямусукро |
Conakry | GN | Конакри |
Freetown | SL | Фритаун |
Monrovia | LR | Монровия |
Nouakchott | MR | Нуакшот |
N'Djamena | TD | Нджамена | Ndjamena
Bangui | CF | Банги |
Libreville | GA | Либревиль |
Malabo | GQ | Малабо |
Asmara | ER | Асмэра |
Mogadishu | SO | Могадишо |
Juba | SS | Джуба |
Lilongwe | MW | Лилонгве |
Maseru | LS | Масеру |
Mbabane | SZ | Мбабане |
Port Louis | MU | Порт-Луи |
Moroni | KM | Морони |
Praia | CV | Прая |
Bissau | GW | Бисау |
Banjul | GM | Банжул |
Lome | TG | Ломе | Lomé
Porto-Novo | BJ | Порто-Ново |
Cotonou | BJ | Котону |
Gitega | BI | Гитега |
Canberra | AU | Канберра |
Sydney | AU | Сидней |
Melbourne | AU | Мельбурн |
Wellington | NZ | Веллингтон |
Auckland | NZ | Окленд |
Suva | FJ | Сува |
Port Moresby | PG | Порт-Морсби |
Apia | WS | Апиа |
Nuku'alofa | TO | Нукуалофа |
Honiara | SB | Хониара |
Port Vila | VU | Порт-Вила |
Majuro | MH | Маджуро |
Palikir | FM | Паликир |
Tarawa | KI | Тарава |
Funafuti | TV | Фунафути |
Ngerulmud | PW | Нгерулмуд |
Yaren | NR | Ярен |
"""
