# Stock alerts for sellers (core.communications on core.inventory events).
# Quantities arrive written out (left_en, threshold_en) with a unit code: kg, g or pcs.

notification-low-stock = Running low: { $name_en } — { $left_en } { $left_unit ->
        [kg] kg
        [g] g
       *[pcs] pcs
    } left (threshold { $threshold_en } { $threshold_unit ->
        [kg] kg
        [g] g
       *[pcs] pcs
    })
    Shop: { $shop }
