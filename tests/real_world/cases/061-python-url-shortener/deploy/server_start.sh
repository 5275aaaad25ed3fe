#!/bin/bash
systemctl start url_shortener.service
