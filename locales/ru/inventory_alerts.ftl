# Предупреждения продавцам об остатках (core.communications по событиям core.inventory).
# Количества приходят уже записанными (left_ru, threshold_ru) с кодом единицы: kg, g или pcs.

notification-low-stock = Заканчивается: { $name_ru } — осталось { $left_ru } { $left_unit ->
        [kg] кг
        [g] г
       *[pcs] шт.
    } (порог { $threshold_ru } { $threshold_unit ->
        [kg] кг
        [g] г
       *[pcs] шт.
    })
    Магазин: { $shop }
