#!/bin/bash
cd /home/ubuntu/Travello_web_app


sudo service nginx restart

echo "The ApplicationStart deployment lifecycle event successfully completed." > application-start.txt
