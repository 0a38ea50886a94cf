# Courier bot: live location (bot/courier/location.py).

courier-location-live =
    📍 I can see you on the map. While you keep sharing, we offer you orders nearby.
    Keep sharing until your shift ends.
courier-location-live-idle =
    📍 I can see you on the map. Orders come while you are on shift and not on a break.
courier-location-once =
    📍 Got the point, but it is a one-off. To get orders nearby, share your live location: 📎 → Location → Share My Live Location.
courier-location-stopped =
    Live location stopped: no new orders until you share it again.
courier-location-not-courier =
    Thank you! Only FruktGo couriers share their location here. Want to deliver with us? Tap /start.
