# Сообщения о заказах (core.communications по событиям core.orders): живой статус заказа
# у покупателя, уведомления магазину о новом заказе, предложения замены. Текстовые параметры
# приходят экранированными; количества — уже записанными (qty_ru) с кодом единицы kg, g или pcs.
# Параметр-список (eta, lines, receipt...) превращается в свои элементы, каждый с новой строки
# (сообщение <шаблон>-<параметр>), поэтому пишется в конце строки, за которой идёт.

## Живой статус заказа у покупателя

notification-order-status =
    🛒 <b>Заказ №{ $number }</b> · { $shop }
    { $status ->
        [pending_payment] 💳 Ждём оплату
        [placed] 🕐 Ждём, когда магазин примет заказ
        [accepted] ✅ Магазин принял заказ
        [assembling] 🧺 Собираем заказ
        [ready] 📦 Заказ собран, ищем курьера
        [courier_assigned] 🛵 Курьер едет за заказом
        [picked_up] 🚚 Курьер везёт заказ
        [delivered] 🏠 Заказ доставлен
        [completed] 🎉 Заказ завершён, спасибо!
        [canceled] ❌ Заказ отменён
        [delivery_failed] ⚠️ Не удалось доставить заказ
       *[other] { $status }
    }{ $payby }{ $eta }{ $amount }{ $lines }{ $receipt }{ $canceled }{ $note }
notification-order-status-payby = Оплатите до { $at }, иначе заказ отменится.
notification-order-status-eta = { $kind ->
        [slot] 🗓 Доставка { $day }, { $start }–{ $end }
       *[asap] ⏱ Привезём примерно к { $at }
    }
notification-order-status-amount = { $kind ->
        [estimate] Сумма ≈ { $total }, итог после взвешивания
       *[exact] Сумма: { $total }
    }
notification-order-status-lines = { $kind ->
        [missing] • <s>{ $name_ru }</s> — нет в наличии
        [substitute] • { $name_ru } { $qty_ru } { $qty_unit ->
            [kg] кг
            [g] г
           *[pcs] шт.
        } × { $price }{ $per ->
            [kg] /кг
           *[pcs] { "" }
        } = { $total } (замена «{ $was_ru }»)
       *[picked] • { $name_ru } { $qty_ru } { $qty_unit ->
            [kg] кг
            [g] г
           *[pcs] шт.
        } × { $price }{ $per ->
            [kg] /кг
           *[pcs] { "" }
        } = { $total }{ $changed ->
            [yes] { " " }(заказано { $planned_ru } { $planned_unit ->
                [kg] кг
                [g] г
               *[pcs] шт.
            })
           *[no] { "" }
        }
    }
notification-order-status-receipt =
    Товары: { $subtotal }
    Доставка: { $delivery }
    <b>Итого: { $total }</b>
    { $diff_kind ->
        [less] Это на { $diff } меньше оценки ({ $estimate }).
        [more] Это на { $diff } больше оценки ({ $estimate }).
       *[same] Ровно как в оценке.
    }
notification-order-status-canceled = { $party ->
        [customer] Вы отменили заказ.
        [shop] Магазин отменил заказ.
        [courier] Курьер отменил заказ.
        [support] Поддержка отменила заказ.
       *[system] Заказ отменён автоматически.
    }{ $reason ->
        [customer_request] { "" }
        [out_of_stock] { " " }Причина: товара нет в наличии.
        [shop_closing] { " " }Причина: магазин закрывается.
        [too_busy] { " " }Причина: магазин перегружен заказами.
        [address_unreachable] { " " }Причина: не доставить по адресу.
        [payment_timeout] { " " }Причина: заказ не оплачен вовремя.
        [duplicate] { " " }Причина: повторный заказ.
       *[other] { " " }Причина: другая.
    }
notification-order-status-note = Комментарий: { $text }

notification-order-btn-cancel = Отменить заказ
notification-order-btn-details = Подробнее
notification-order-btn-reorder = Повторить заказ

## Магазину: новый заказ (владельцу, менеджерам и сборщикам)

notification-order-shop =
    { $state ->
        [accepted] ✅ <b>Заказ №{ $number } принят</b> · { $shop }
        [canceled] ❌ <b>Заказ №{ $number } отменён</b> · { $shop }
       *[new] 🆕 <b>Новый заказ №{ $number }</b> · { $shop }
    }{ $by }{ $canceled }{ $lines }
    { $approx ->
        [yes] Сумма ≈ { $total } с доставкой { $delivery }, итог после взвешивания
       *[no] Сумма { $total } с доставкой { $delivery }
    }{ $eta }
    Оплата: { $payment ->
        [cash] наличными курьеру
        [card_to_courier] картой курьеру
       *[online] онлайн
    }{ $comment }
notification-order-shop-by = Принял(а): { $name }
notification-order-shop-canceled = { $party ->
        [customer] Отменил покупатель
        [shop] Отменил магазин
        [courier] Отменил курьер
        [support] Отменила поддержка
       *[system] Отменён автоматически
    }{ $reason ->
        [customer_request] { "" }
        [out_of_stock] : товара нет в наличии
        [shop_closing] : магазин закрывается
        [too_busy] : магазин перегружен заказами
        [address_unreachable] : не доставить по адресу
        [payment_timeout] : заказ не оплачен вовремя
        [duplicate] : повторный заказ
       *[other] : другая причина
    }
notification-order-shop-lines = • { $name_ru } — { $qty_ru } { $qty_unit ->
        [kg] кг
        [g] г
       *[pcs] шт.
    } { $approx ->
        [yes] ≈
       *[no] =
    } { $total }
notification-order-shop-eta = { $kind ->
        [slot] Доставка { $day }, { $start }–{ $end }
       *[asap] Доставка как можно скорее, примерно к { $at }
    }
notification-order-shop-comment = Комментарий: { $text }

notification-order-btn-accept = ✅ Принять
notification-order-btn-reject = ❌ Отклонить
notification-order-btn-board = Открыть заказы

## Покупателю: предложение замены

notification-order-substitute =
    { $state ->
        [accepted] ✅ Заказ №{ $number }: вместо «{ $missing_ru }» положим «{ $name_ru }» { $qty_ru } { $qty_unit ->
            [kg] кг
            [g] г
           *[pcs] шт.
        } за { $approx ->
            [yes] ≈ { $total }
           *[no] { $total }
        }.
        [declined] ➖ Заказ №{ $number }: «{ $missing_ru }» убран из заказа, без замены.
       *[proposed] 🔄 Заказ №{ $number }: нет «{ $missing_ru }» — заменить на «{ $name_ru }» { $qty_ru } { $qty_unit ->
            [kg] кг
            [g] г
           *[pcs] шт.
        } за { $approx ->
            [yes] ≈ { $total }
           *[no] { $total }
        }? Ответьте до { $until }.
    }{ $auto ->
        [yes] { " " }(Вы не успели ответить — решили по вашим настройкам замены.)
       *[no] { "" }
    }

notification-order-btn-sub-yes = Да, заменить
notification-order-btn-sub-no = Нет, не нужно
