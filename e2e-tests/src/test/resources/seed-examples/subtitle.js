fetch(process.env.BASE_URL + '/api/v1/tiktok/subtitle', {
method: 'POST',
headers: {
'Content-Type': 'application/json',
'API-KEY': process.env.API_KEY
},
body: JSON.stringify({
url: 'https://www.tiktok.com/@username/video/7354861484037524768',
format: 'srt'
})
})
.then(response => response.json())
.then(data => console.log(data))
.catch(error => console.error('Error:', error));
