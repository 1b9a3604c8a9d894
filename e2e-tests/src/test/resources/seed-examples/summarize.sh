curl -X POST $BASE_URL/api/v1/tiktok/summarize \
-H "Content-Type: application/json" \
-H "API-KEY: $API_KEY" \
-d '{
"url": "https://www.tiktok.com/@username/video/7354861484037524768",
"summary_type": "bulletpoint",
"language": "en"
}'
