"""A starter English–Russian glossary of the catalogue's domains (mining, water, ecology, energy, heat supply,
municipal services, medicine, education, transport, digital, safety, materials), so partners who type English
find the Russian pages. Each group is an ordinary synonym group («Синонимы поиска»): editors extend or change
it in the admin; English words are Snowball-stemmed like Russian ones («pumps» ~ «pump»)."""
from django.db import migrations

COMMENT = "English glossary, starter list 2026-12"
# One group a line: English terms, then their Russian equivalents.
GLOSSARY = """
mine, mines, colliery, underground mine, шахта, рудник
mining, mining industry, горное дело, горнодобывающая промышленность, добыча полезных ископаемых
miner, miners, mineworker, coal miner, шахтёр, горняк, горнорабочий
coal, уголь, угольный
coal mining, угледобыча, добыча угля
coal mine, угольная шахта
coal preparation, coal washing, углеобогащение, обогащение угля
coal processing plant, preparation plant, обогатительная фабрика
coal chemistry, углехимия
coal tar, каменноугольная смола
coke, кокс
coking, коксование
open pit, open-pit mine, open cast, opencast, surface mine, quarry, карьер, разрез, открытые горные работы
overburden, waste rock, вскрыша, вскрышные породы, пустая порода
dump, spoil heap, waste dump, отвал, породный отвал
tailings, хвосты, отходы обогащения
tailings dam, tailings storage, tailings pond, хвостохранилище, дамба хвостохранилища
dam, embankment, дамба, плотина
dam stability, dam safety, устойчивость дамбы
slope stability, устойчивость откосов, устойчивость бортов
landslide, оползень, обрушение
rock burst, горный удар
roof fall, обрушение кровли
roof bolting, rock bolting, анкерное крепление, анкерная крепь
roof bolter, bolting rig, буровая установка для анкерного крепления
drilling, drill, бурение, буровой
drilling rig, буровая установка, буровой станок
blasting, drilling and blasting, взрывные работы, буровзрывные работы, взрыв
explosive, explosives, взрывчатое вещество, взрывчатка
blast design, проект массового взрыва
mine survey, mine surveying, маркшейдерия, маркшейдерская съёмка
surveying, survey, съёмка
aerial survey, аэрофотосъёмка, аэросъёмка
drone, drones, UAV, unmanned aerial vehicle, беспилотник, БПЛА, дрон, беспилотный летательный аппарат
laser scanning, lidar, лазерное сканирование, лидар
photogrammetry, фотограмметрия
3d model, digital terrain model, трёхмерная модель, цифровая модель рельефа
stockpile, склад, штабель
volume calculation, подсчёт объёмов
longwall, лава, очистной забой
coal face, working face, забой
roadway, drift, heading, выработка, горная выработка
shaft, ствол шахты
hoist, подъёмная машина, шахтный подъём
conveyor, belt conveyor, конвейер, ленточный конвейер
dump truck, haul truck, mining truck, карьерный самосвал, самосвал
excavator, экскаватор
loader, погрузчик
mining machinery, mining equipment, горные машины, горное оборудование
gearbox, reducer, редуктор
bearing, подшипник
vibration, вибрация
vibration diagnostics, vibration monitoring, вибродиагностика, вибромониторинг
condition monitoring, predictive maintenance, мониторинг состояния, предиктивное обслуживание, техническая диагностика
failure, breakdown, fault, отказ, поломка, неисправность, авария
repair, maintenance, ремонт, техническое обслуживание
wear, износ
mine rescue, горноспасательный, горноспасательные работы
rescue, rescuer, спасение, спасатель
robot, robotics, робот, робототехника
reconnaissance robot, робот-разведчик
mine safety, industrial safety, промышленная безопасность
occupational safety, health and safety, охрана труда
methane, метан
methane drainage, degassing, дегазация
coal bed methane, coalbed methane, метан угольных пластов
gas detector, gas analyzer, gas sensor, газоанализатор, датчик газа
carbon monoxide, угарный газ, оксид углерода
explosion, взрыв
fire, пожар, возгорание
fire safety, пожарная безопасность
endogenous fire, spontaneous combustion, эндогенный пожар, самовозгорание
dust, пыль
dust suppression, dust control, пылеподавление, борьба с пылью
coal dust, угольная пыль
ventilation, вентиляция, проветривание
air quality, качество воздуха
air pollution, загрязнение воздуха, выбросы в атмосферу
emissions, выбросы
greenhouse gas, greenhouse gases, парниковые газы
carbon dioxide, co2, углекислый газ, диоксид углерода
carbon footprint, углеродный след
decarbonization, декарбонизация
carbon capture, улавливание углерода
water, вода
treatment, purification, cleaning, treat, purify, clean, очистка, очищение, обработка
removal, remove, удаление
reduction, reduce, decrease, снижение, сокращение, уменьшение
increase, увеличение, повышение
improve, improvement, улучшение
prevention, prevent, предотвращение, профилактика
detection, detect, обнаружение, выявление
measurement, measure, measuring, измерение
control, контроль
management, управление
assessment, evaluation, оценка
inspection, обследование
construction, строительство
design, проектирование
production of, выпуск
supply, снабжение, поставка
lifting, подъём
cost, costs, затраты, стоимость
cheap, low-cost, дешёвый, недорогой
portable, переносной, носимый
mobile, мобильный
automatic, automated, автоматический, автоматизированный
underground, подземный
surface, поверхностный, поверхность
industrial, промышленный
urban, городской
local, местный
new, новый
old, abandoned, старый, заброшенный
closed mine, abandoned mine, закрытая шахта, ликвидированная шахта
mine closure, ликвидация шахт
mine water, mine drainage water, шахтные воды, шахтная вода, карьерные воды
mine dewatering, dewatering, drainage, водоотлив, осушение, дренаж
water treatment, water purification, очистка воды, водоподготовка
wastewater, waste water, sewage, сточные воды, стоки
wastewater treatment, sewage treatment, очистка сточных вод, очистные сооружения
treatment plant, treatment facility, очистные сооружения
drinking water, potable water, питьевая вода
water supply, водоснабжение
water main, water pipe, водопровод, водопроводная сеть
sewer, sewerage, канализация, водоотведение
water quality, качество воды
water pollution, загрязнение воды
heavy metals, тяжёлые металлы
iron, железо
manganese, марганец
sulfate, sulphate, сульфаты
acid mine drainage, кислые шахтные воды
neutralization, нейтрализация
coagulant, coagulants, коагулянт
flocculant, флокулянт
reagent, reagents, реагент
filter, filtration, фильтр, фильтрация
membrane, мембрана, мембранный
reverse osmosis, обратный осмос
desalination, demineralization, опреснение, обессоливание
sorbent, adsorbent, сорбент, адсорбент
sorption, сорбция
activated carbon, активированный уголь
ion exchange, ионный обмен
constructed wetland, wetland, биоплато, искусственное болото
biological treatment, биологическая очистка
sludge, осадок, ил
groundwater, подземные воды
surface water, поверхностные воды
river, rivers, река
flood, flooding, наводнение, подтопление, затопление
leak, leakage, утечка
pipe burst, порыв, прорыв трубы
pipeline, трубопровод
pipe, pipes, труба, трубы
ecology, environment, экология, окружающая среда
environmental, экологический
environmental monitoring, экологический мониторинг
environmental protection, охрана окружающей среды
reclamation, land reclamation, rehabilitation, рекультивация, восстановление земель
disturbed land, нарушенные земли
soil, почва
soil remediation, восстановление почв
soil improvement, soil amendment, улучшение почв
biochar, биоуголь
fertilizer, удобрение
compost, компост
humic, гуминовые вещества
vegetation, greening, landscaping, озеленение, растительность
tree planting, afforestation, посадка деревьев, лесовосстановление
forest, лес
biodiversity, биоразнообразие
waste, отходы
industrial waste, промышленные отходы
municipal solid waste, solid waste, household waste, твёрдые коммунальные отходы, ТКО, бытовые отходы
landfill, полигон ТКО, свалка, полигон отходов
waste sorting, сортировка отходов
recycling, переработка отходов, вторичная переработка
waste processing, utilization, утилизация отходов
ash, зола
ash and slag, золошлаковые отходы, золошлаки
fly ash, зола уноса
slag, шлак
rare earth, rare earth elements, редкоземельные элементы, РЗЭ
extraction, извлечение
recovery, извлечение
building materials, construction materials, строительные материалы, стройматериалы
concrete, бетон
cement, цемент
brick, кирпич
road construction, дорожное строительство
road binder, binder, bitumen, asphalt, вяжущее, битум, асфальт
road, roads, дорога, дороги
pavement, дорожное покрытие
pothole, potholes, ямы на дорогах, выбоины
carbon fiber, carbon fibre, углеродное волокно
composite, composites, композит, композиционные материалы
graphite, графит
energy, энергия, энергетика
power, electricity, электроэнергия, электричество
power supply, электроснабжение
power plant, power station, электростанция
thermal power plant, ТЭС, тепловая электростанция
combined heat and power, chp, ТЭЦ
energy efficiency, energy saving, энергоэффективность, энергосбережение
energy audit, энергоаудит, энергетическое обследование
renewable energy, renewables, возобновляемая энергетика, ВИЭ
solar, solar power, solar panel, солнечная энергия, солнечная панель, солнечная электростанция
wind, wind power, ветер, ветроэнергетика
hydrogen, водород
fuel, топливо
natural gas, природный газ
gas, газ
cng, compressed natural gas, КПГ, компримированный природный газ
biogas, биогаз
battery, batteries, energy storage, аккумулятор, накопитель энергии
grid, power grid, электросеть, электрические сети
smart grid, умная сеть
substation, подстанция
heating, space heating, отопление
heat, тепло, тепловой
heat supply, district heating, теплоснабжение
heating network, heat network, heating mains, теплосеть, тепловые сети, теплотрасса
boiler, boiler house, boiler plant, котёл, котельная
heat pump, heat pumps, тепловой насос
pump, pumps, насос
heat loss, heat losses, теплопотери, потери тепла
insulation, thermal insulation, теплоизоляция, утепление
heating substation, heat substation, ИТП, тепловой пункт
hot water, горячая вода, горячее водоснабжение
cold, холод
temperature, температура
lighting, освещение
street lighting, уличное освещение
led, light-emitting diode, светодиод, светодиодный
lamp, luminaire, светильник
smart lighting, intelligent lighting, интеллектуальное освещение, умное освещение
smart city, умный город
municipal, municipality, муниципальный, муниципалитет
city, town, город
monotown, single-industry town, company town, моногород
housing, жильё, жилищный
housing and utilities, utilities, public utilities, ЖКХ, жилищно-коммунальное хозяйство, коммунальные услуги
utility networks, инженерные сети, коммунальные сети
apartment building, многоквартирный дом
building, buildings, здание, здания
school, schools, школа
kindergarten, детский сад
hospital, больница, стационар
clinic, поликлиника
public buildings, social facilities, социальные объекты, бюджетные учреждения
public transport, общественный транспорт
transport, transportation, транспорт
bus, автобус
electric bus, электробус
electric vehicle, ev, электромобиль
charging station, зарядная станция
traffic, дорожное движение, трафик
logistics, логистика
railway, railroad, железная дорога
vehicle, транспортное средство
autonomous, беспилотный, автономный
medicine, healthcare, health care, медицина, здравоохранение
health, здоровье
medical, медицинский
patient, patients, пациент
doctor, physician, врач
nurse, медсестра
burn, burns, ожог, ожоги
burn centre, burn center, ожоговый центр
skin, кожа
donor, донор, донорский
skin bank, tissue bank, банк кожи, банк тканей
transplant, transplantation, трансплантация, пересадка
wound, wounds, рана, раны
wound healing, заживление ран
rehabilitation medicine, медицинская реабилитация
occupational disease, occupational diseases, профессиональные заболевания, профзаболевания
lung, lungs, лёгкие
respiratory, органы дыхания, дыхательный
pneumoconiosis, black lung, пневмокониоз
hearing loss, тугоухость, потеря слуха
noise, шум
diagnostics, diagnosis, диагностика
screening, скрининг
telemedicine, телемедицина
remote monitoring, дистанционный мониторинг
cardiology, кардиология
ecg, экг, электрокардиограмма
rural, village, сельский, село
paramedic, feldsher, фельдшер, ФАП
ambulance, скорая помощь
prosthesis, prosthetics, протез, протезирование
vaccine, вакцина
laboratory, лаборатория
analysis, анализ
education, training, образование, обучение, подготовка
retraining, reskilling, переобучение, переподготовка
vocational training, профессиональное обучение
simulator, training simulator, тренажёр
virtual reality, vr, виртуальная реальность
augmented reality, ar, дополненная реальность
students, student, студенты, студент
university, университет, вуз
staff, personnel, workforce, персонал, кадры
employment, jobs, занятость, рабочие места
unemployment, безработица
economy, economic, экономика, экономический
industrial park, технопарк, индустриальный парк
investment, investor, инвестиции, инвестор
business, small business, бизнес, малый бизнес, предпринимательство
startup, стартап
manufacturing, production, производство
factory, plant, завод, фабрика
digital, digitalization, цифровой, цифровизация
digital twin, цифровой двойник
software, программа, программное обеспечение
platform, платформа
information system, информационная система
database, база данных
artificial intelligence, ai, искусственный интеллект, ИИ
machine learning, машинное обучение
neural network, нейросеть, нейронная сеть
computer vision, компьютерное зрение
video analytics, видеоаналитика
camera, cameras, камера, видеокамера
sensor, sensors, датчик, сенсор
monitoring, мониторинг
monitoring system, система мониторинга
automation, автоматизация
process control, scada, АСУ ТП, автоматизированная система управления
control system, система управления
remote control, дистанционное управление
internet of things, iot, интернет вещей
wireless, беспроводной
network, сеть
communication, связь
mobile app, mobile application, мобильное приложение
satellite, спутник, спутниковый
gis, geographic information system, ГИС, геоинформационная система
map, mapping, карта, картирование
forecast, forecasting, prediction, прогноз, прогнозирование
modeling, modelling, simulation, моделирование
data, данные
cybersecurity, information security, кибербезопасность, информационная безопасность
early warning, раннее предупреждение, раннее оповещение
alarm, alert, сигнализация, оповещение
emergency, чрезвычайная ситуация, ЧС
accident, авария, несчастный случай
risk, риск
safety, security, безопасность
protection, защита
personal protective equipment, ppe, средства индивидуальной защиты, СИЗ
respirator, респиратор
helmet, каска
wearable, wearables, носимый
positioning, tracking, позиционирование, отслеживание
evacuation, эвакуация
agriculture, farming, сельское хозяйство
crop, crops, урожай, урожайность
greenhouse, теплица
food, food industry, продукты питания, пищевая промышленность
hydroponics, гидропоника
technology, technologies, технология
solution, solutions, решение
innovation, innovative, инновация, инновационный
pilot project, pilot, пилотный проект
implementation, deployment, внедрение
cost reduction, снижение затрат
efficiency, эффективность
equipment, оборудование
device, устройство
installation, установка
machinery, техника
steel, сталь
metal, metals, металл
metallurgy, металлургия
corrosion, коррозия
coating, покрытие
polymer, полимер
plastic, пластик
glass, стекло
wood, древесина
chemical, chemistry, химический, химия
catalyst, катализатор
gasification, газификация
pyrolysis, пиролиз
briquette, briquettes, брикет, брикеты
fuel briquettes, топливные брикеты
processing, переработка
storage, хранение
transportation of coal, перевозка угля
export, экспорт
region, регион
kuzbass, kuzbas, Кузбасс
donbass, donbas, Донбасс
kemerovo, Кемерово
novokuznetsk, Новокузнецк
donetsk, Донецк
lugansk, luhansk, Луганск
"""


def groups():
    return [", ".join(term.strip() for term in line.split(",")) for line in GLOSSARY.strip().splitlines() if line.strip()]


def add_groups(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.bulk_create([SynonymGroup(terms=terms, comment=COMMENT) for terms in groups()])


def remove_groups(apps, schema_editor):
    apps.get_model("search", "SynonymGroup").objects.filter(comment=COMMENT).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0007_search_word_translit"),
    ]

    operations = [
        migrations.RunPython(add_groups, remove_groups),
    ]
