ls /tmp

pwd
pip install --no-cache-dir -r requirements.txt
