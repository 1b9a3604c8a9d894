import os
import requests
import json
url = os.environ["BASE_URL"] + "/api/v1/tiktok/subtitle"
headers = {
"Content-Type": "application/json",
"API-KEY": os.environ["API_KEY"]
}
data = {
"url": "https://www.tiktok.com/@username/video/7354861484037524768",
"format": "srt"
}
response = requests.post(url, headers=headers, data=json.dumps(data))
result = response.json()
print(result)
